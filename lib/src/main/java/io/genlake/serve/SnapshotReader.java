package io.genlake.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a serving snapshot written by {@link SnapshotWriter} without Spark: header members into a map, and each array
 * member element by element to a consumer (so a large array is never held twice). Checks the format name and version
 * first. Cost: one streaming parse of the file.
 */
final class SnapshotReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnapshotReader() {}

  /** Reads {@code file}: header values are returned; array elements go to {@code arrays.get(name)} (others skipped). */
  static Map<String, JsonNode> read(Path file, String format, Map<String, Consumer<ObjectNode>> arrays)
      throws IOException {
    Map<String, JsonNode> header = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser p = JSON.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY && arrays.containsKey(name)) {
          Consumer<ObjectNode> sink = arrays.get(name);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            sink.accept(JSON.readTree(p));
          }
        } else if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
          if (header.size() < 16 && t == JsonToken.START_OBJECT) {
            header.put(name, JSON.readTree(p));
          } else {
            p.skipChildren();
          }
        } else {
          header.put(name, JSON.readTree(p));
        }
        if (name.equals("version") && !format.equals(text(header, "format"))) {
          throw new IOException("not a " + format + " snapshot (format " + text(header, "format") + ")");
        }
        if (name.equals("version") && header.get("version").asInt() != ServingFiles.VERSION) {
          throw new IOException("snapshot version " + header.get("version") + ", this genlake reads version "
              + ServingFiles.VERSION);
        }
      }
    }
    return header;
  }

  static String text(Map<String, JsonNode> header, String name) {
    JsonNode n = header.get(name);
    return n == null || n.isNull() ? null : n.asText();
  }
}
