package io.genlake.sqlendpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genlake.warehouse.RuntimeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code <warehouse>/_genlake/sql-endpoint.json}: where a running SQL endpoint for the warehouse listens (host, port,
 * pid, started_at, read-only or not, whether it asks for a password, its Spark Connect port: 0 when it runs none). Written when the endpoint is up, removed when it
 * shuts down cleanly; a file whose pid is not a live process on this machine is stale and ignored. {@code bin/genlake
 * sql} reads it to send queries to the endpoint. Cost: one small file read.
 */
public record EndpointFile(String host, int port, long pid, Instant startedAt, boolean write, boolean auth,
    int connectPort) {
  /** The file's path under a warehouse root. */
  public static final String RELATIVE_PATH = "_genlake/sql-endpoint.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The HiveServer2 JDBC URL of this endpoint. */
  public String jdbcUrl() {
    return "jdbc:hive2://" + host + ":" + port + "/default";
  }

  /** The Spark Connect URL ({@code sc://127.0.0.1:PORT}), if the endpoint runs Spark Connect. */
  public Optional<String> connectUrl() {
    return connectPort > 0 ? Optional.of("sc://" + ConnectEndpoint.HOST + ":" + connectPort) : Optional.empty();
  }

  /** Where the file lives for a local warehouse root. */
  public static Path path(String warehouseRoot) {
    return Path.of(warehouseRoot).resolve(RELATIVE_PATH);
  }

  /** Writes this file atomically (a temporary file renamed over it). */
  public void write(String warehouseRoot) {
    ObjectNode n = JSON.createObjectNode();
    n.put("host", host).put("port", port).put("pid", pid).put("started_at", startedAt.toString())
        .put("write", write).put("auth", auth).put("jdbc_url", jdbcUrl());
    n.put("connect_port", connectPort);
    connectUrl().ifPresent(u -> n.put("connect_url", u));
    String text;
    try {
      text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the SQL endpoint file " + path(warehouseRoot), e);
    }
    RuntimeFile.replace(path(warehouseRoot), text, pid, "SQL endpoint file");
  }

  /** Removes the file if it still names this process (a later endpoint may have replaced it). */
  public void removeIfOurs(String warehouseRoot) {
    RuntimeFile.removeIf(path(warehouseRoot), text -> parse(text).filter(e -> e.pid == pid).isPresent());
  }

  /** The endpoint serving {@code warehouseRoot}, if its file names a live process on this machine. */
  public static Optional<EndpointFile> live(String warehouseRoot) {
    if (warehouseRoot.contains("://")) {
      return Optional.empty();
    }
    return read(path(warehouseRoot)).filter(e -> ProcessHandle.of(e.pid).map(ProcessHandle::isAlive).orElse(false));
  }

  private static Optional<EndpointFile> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<EndpointFile> parse(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      return Optional.of(new EndpointFile(n.path("host").asText(), n.path("port").asInt(), n.path("pid").asLong(),
          Instant.parse(n.path("started_at").asText()), n.path("write").asBoolean(), n.path("auth").asBoolean(),
          n.path("connect_port").asInt(0)));
    } catch (IOException | RuntimeException e) {
      // a half-written or foreign file: no endpoint
      return Optional.empty();
    }
  }
}
