package io.genlake.ingest;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genlake.table.BronzeTables;
import io.genlake.table.Lineage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;

/**
 * Turns one raw landing record into one staged row: the bronze columns (source, line, kind, record, checksum),
 * the rule and reason when it is rejected, else the silver row's own columns and its event time. One instance
 * per task (it holds a digest and a JSON parser); the pure per-record work of ingestion.
 *
 * <p>Rows are built in Spark's internal form ({@link InternalRow}: UTF-8 strings, microsecond timestamps), so
 * the staged frame needs no per-row conversion; a JSON line's bytes become the bronze record without decoding.
 */
final class Staging {
  static final String RULE = "_rule";
  static final String REASON = "_reason";
  private static final int BRONZE_COLUMNS = 5;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final Kind kind;
  private final Limits limits;
  private final MessageDigest sha;
  private final JsonRecords json = new JsonRecords();
  private final int width;
  private final UTF8String label;
  /** Per own column: the value's conversion to Spark's internal form. */
  private final List<Function1<Object, Object>> converters = new ArrayList<>();
  private String lastSource;
  private UTF8String lastSourceUtf8;

  Staging(Kind kind, Limits limits) {
    this.kind = kind;
    this.limits = limits;
    this.width = BRONZE_COLUMNS + 2 + kind.layout().columns().size() + 1;
    this.label = UTF8String.fromString(kind.label());
    for (StructField c : kind.layout().columns()) {
      converters.add(CatalystTypeConverters.createToCatalystConverter(c.dataType()));
    }
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The staged schema of {@code kind}: bronze columns, rule, reason, silver own columns (nullable), event time. */
  static StructType schema(Kind kind) {
    List<StructField> f = new ArrayList<>();
    f.add(nullable(BronzeTables.SOURCE, StringType));
    f.add(nullable(BronzeTables.SOURCE_LINE, LongType));
    f.add(nullable(BronzeTables.KIND, StringType));
    f.add(nullable(BronzeTables.RECORD, StringType));
    f.add(nullable(BronzeTables.CHECKSUM, StringType));
    f.add(nullable(RULE, StringType));
    f.add(nullable(REASON, StringType));
    for (StructField c : kind.layout().columns()) {
      f.add(nullable(c.name(), c.dataType()));
    }
    f.add(nullable(Lineage.EVENT_TIME, TimestampType));
    return new StructType(f.toArray(new StructField[0]));
  }

  private static StructField nullable(String name, org.apache.spark.sql.types.DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  /** A JSON Lines line; null for a blank line (not a record). */
  InternalRow jsonLine(String source, long line, byte[] b, int len) {
    if (isBlank(b, len)) {
      return null;
    }
    String where = "line " + line;
    InternalRow early = checkBytes(source, line, b, len, where);
    if (early != null) {
      return early;
    }
    // valid UTF-8 (checked above): the bytes are the record's text as Spark stores it
    UTF8String text = UTF8String.fromBytes(java.util.Arrays.copyOf(b, len));
    UTF8String checksum = checksum(b, len);
    JsonNode node;
    try {
      node = json.parse(b, len, where);
    } catch (Rejection r) {
      return rejected(source, line, text, checksum, r.rule(), r.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return rejected(source, line, text, checksum, Rule.INVALID_RECORD, unexpected(where, e));
    }
    if (node == null || !node.isObject()) {
      return rejected(source, line, text, checksum, Rule.MALFORMED_JSON,
          where + " is not a JSON object (found " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase())
              + ")");
    }
    return mapped(source, line, text, checksum, new RecordFields((ObjectNode) node, false, where, kind.aliases(),
        limits, json));
  }

  /** A CSV record with the file's header; null for a blank line. */
  InternalRow csvRecord(String source, long line, byte[] b, int len, boolean unterminated, List<String> header) {
    if (isBlank(b, len)) {
      return null;
    }
    String where = "line " + line;
    InternalRow early = checkBytes(source, line, b, len, where);
    if (early != null) {
      return early;
    }
    String decoded = new String(b, 0, len, StandardCharsets.UTF_8);
    UTF8String text = UTF8String.fromBytes(java.util.Arrays.copyOf(b, len));
    UTF8String checksum = checksum(b, len);
    List<String> cells = unterminated ? List.of() : CsvRecords.cells(decoded);
    if (cells.isEmpty()) {
      return rejected(source, line, text, checksum, Rule.MALFORMED_CSV,
          where + " is not a valid CSV record: a quoted cell is not closed properly");
    }
    if (cells.size() != header.size()) {
      return rejected(source, line, text, checksum, Rule.MALFORMED_CSV,
          where + " has " + cells.size() + " cells, expected " + header.size() + " as in the header");
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < cells.size(); i++) {
      node.put(header.get(i), cells.get(i));
    }
    return mapped(source, line, text, checksum,
        new RecordFields(node, true, where, kind.aliases(), limits, json));
  }

  /** A SQLite row: its columns' text by name (null for SQL NULL), the record being its JSON object form. */
  InternalRow sqliteRow(String source, long rowid, Map<String, String> columns) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    columns.forEach(node::put);
    byte[] b = node.toString().getBytes(StandardCharsets.UTF_8);
    UTF8String text = UTF8String.fromBytes(b);
    String where = "row " + rowid;
    UTF8String checksum = checksum(b, b.length);
    if (b.length > limits.maxRecordBytes()) {
      return rejected(source, rowid, text, checksum, Rule.RECORD_TOO_LARGE, tooLarge(where, b.length));
    }
    return mapped(source, rowid, text, checksum,
        new RecordFields(node, true, where, kind.aliases(), limits, json));
  }

  private InternalRow checkBytes(String source, long line, byte[] b, int len, String where) {
    if (len > limits.maxRecordBytes()) {
      return rejected(source, line, decoded(b, len), checksum(b, len), Rule.RECORD_TOO_LARGE, tooLarge(where, len));
    }
    int bad = Utf8.firstInvalid(b, 0, len);
    if (bad >= 0) {
      return rejected(source, line, decoded(b, len), checksum(b, len), Rule.INVALID_UTF8,
          where + " is not valid UTF-8: byte 0x" + HexFormat.of().toHexDigits(b[bad]) + " at byte " + (bad + 1)
              + "; save the export as UTF-8");
    }
    return null;
  }

  /** The record's text as Java decodes it (invalid bytes become U+FFFD), in Spark's form. */
  private static UTF8String decoded(byte[] b, int len) {
    return UTF8String.fromString(new String(b, 0, len, StandardCharsets.UTF_8));
  }

  private String tooLarge(String where, int len) {
    return where + " has " + len + " bytes, more than ingest.max_record_bytes " + limits.maxRecordBytes();
  }

  private InternalRow mapped(String source, long line, UTF8String text, UTF8String checksum, RecordFields fields) {
    RowValues v;
    try {
      v = kind.map(fields);
    } catch (Rejection r) {
      return rejected(source, line, text, checksum, r.rule(), r.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      // no record may stop its stream: a record the rules did not foresee is quarantined, never thrown
      return rejected(source, line, text, checksum, Rule.INVALID_RECORD, unexpected(fields.where(), e));
    }
    Object[] row = new Object[width];
    fillBronze(row, source, line, text, checksum);
    Object[] own = v.values();
    for (int i = 0; i < own.length; i++) {
      row[BRONZE_COLUMNS + 2 + i] = own[i] == null ? null : converters.get(i).apply(own[i]);
    }
    row[width - 1] = v.eventTime() == null ? null : DateTimeUtils.fromJavaTimestamp(v.eventTime());
    return new GenericInternalRow(row);
  }

  /** The reason for a record that failed in a way no rule describes: what happened, and that it is a defect. */
  private static String unexpected(String where, Throwable e) {
    String msg = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    return where + " could not be validated (" + e.getClass().getSimpleName() + msg + "); the record is kept here. "
        + "Please report it as a genlake defect with this record";
  }

  private InternalRow rejected(String source, long line, UTF8String text, UTF8String checksum, Rule rule,
      String reason) {
    Object[] row = new Object[width];
    fillBronze(row, source, line, text, checksum);
    row[BRONZE_COLUMNS] = UTF8String.fromString(rule.id());
    row[BRONZE_COLUMNS + 1] = UTF8String.fromString(reason);
    return new GenericInternalRow(row);
  }

  private void fillBronze(Object[] row, String source, long line, UTF8String text, UTF8String checksum) {
    if (!source.equals(lastSource)) {
      lastSource = source;
      lastSourceUtf8 = UTF8String.fromString(source);
    }
    row[0] = lastSourceUtf8;
    row[1] = line;
    row[2] = label;
    row[3] = text;
    row[4] = checksum;
  }

  /** Lower-case hex SHA-256 of the record's bytes, as ASCII bytes. */
  private UTF8String checksum(byte[] b, int len) {
    sha.reset();
    sha.update(b, 0, len);
    byte[] digest = sha.digest();
    byte[] hex = new byte[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      hex[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return UTF8String.fromBytes(hex);
  }

  private static boolean isBlank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }
}
