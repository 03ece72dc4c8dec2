package io.genlake.warehouse;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.types.StructField;
import scala.Option;

/**
 * The warehouse: Delta tables stored at {@code <root>/<layer>/<table>} and registered in the session
 * catalog as {@code <layer>.<table>}, so SQL, notebooks and jobs address them the same way. The root can
 * be a local directory or any Hadoop file system URI.
 */
public final class Warehouse {
  private static final Pattern TABLE_DIR = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final SparkSession spark;
  private final String root;

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = normalize(root);
  }

  public SparkSession spark() {
    return spark;
  }

  /** The root location (absolute path or URI). */
  public String root() {
    return root;
  }

  /** Where {@code id}'s Delta table lives. */
  public String location(TableId id) {
    return root + "/" + id.layer().dirName() + "/" + id.name();
  }

  /** True when {@code id} holds a Delta table (its {@code _delta_log} exists). */
  public boolean exists(TableId id) {
    try {
      Path log = new Path(location(id), "_delta_log");
      return fileSystem().exists(log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check table " + id + " at " + location(id), e);
    }
  }

  /** Reads {@code id}; a missing table fails with a message that says how to create it. */
  public Dataset<Row> read(TableId id) {
    if (!exists(id)) {
      throw new MissingTableException(id, location(id));
    }
    return spark.read().format("delta").load(location(id));
  }

  /** Reads {@code id}, or an empty frame of {@code spec}'s schema when the table does not exist yet. */
  public Dataset<Row> readOrEmpty(TableSpec spec) {
    if (!exists(spec.id())) {
      return spark.createDataFrame(List.of(), spec.schema());
    }
    return read(spec.id());
  }

  /** The table's latest Delta version, or empty when it does not exist. Reads the Delta log only (no job). */
  public Optional<Long> version(TableId id) {
    if (!exists(id)) {
      return Optional.empty();
    }
    return Optional.of(snapshot(id).version());
  }

  /** The table's partition columns (empty when unpartitioned or missing). Reads the Delta log only (no job). */
  public List<String> partitionColumns(TableId id) {
    if (!exists(id)) {
      return List.of();
    }
    return List.copyOf(scala.collection.JavaConverters.seqAsJavaList(snapshot(id).metadata().partitionColumns()));
  }

  /** True when {@code id} exists and its latest version holds at least one data file (Delta log only). */
  public boolean hasData(TableId id) {
    if (!exists(id)) {
      return false;
    }
    Snapshot s = snapshot(id);
    Option<Object> known = s.numOfFilesIfKnown();
    return (known.isDefined() ? (Long) known.get() : s.numOfFiles()) > 0;
  }

  /**
   * The latest snapshot of {@code id}'s Delta log, brought up to date.
   *
   * <p>Delta's internal {@code DeltaLog} (with {@link #lastCommitMetric}'s {@code getChanges}) rather than the public
   * {@code DeltaTable.history(1)} and {@code DeltaTable.detail()}, for speed: those build and collect a DataFrame per
   * call, measured at about 100 ms and 40 ms per call against 5 ms for the log snapshot (a 25-commit table, same
   * JVM), and a nightly run asks for versions, file counts and commit metrics some hundred times (every pinned input,
   * every written table). {@code DeltaLogAgreementTest} pins what this relies on: version, file count and the last
   * commit's metrics equal what the public APIs report, also after commits by another writer (the snapshot is brought
   * up to date, not served from a cache); {@code WarehouseTest} that {@link #ensure} reads the latest properties (a
   * second ensure commits nothing).
   */
  private Snapshot snapshot(TableId id) {
    return DeltaLog.forTable(spark, location(id)).update(false, Option.empty(), Option.empty());
  }

  /**
   * Creates the table described by {@code spec} when it is missing, in one Delta commit: schema with NOT NULL
   * columns, partition columns, Change Data Feed, the statistics columns and every CHECK constraint (Delta keeps
   * them as {@code delta.constraints.<name>} table properties and enforces them on every write). An existing
   * table gets any CHECK constraint it lacks (ALTER TABLE, one commit each) and the contract's statistics columns
   * when they differ (one commit). Registers the table in the catalog.
   */
  public synchronized void ensure(TableSpec spec) {
    TableId id = spec.id();
    String stats = String.join(",", spec.statsColumns());
    if (!exists(id)) {
      var builder = DeltaTable.createIfNotExists(spark).location(location(id));
      for (StructField f : spec.schema().fields()) {
        builder = builder.addColumn(f);
      }
      if (!spec.partitionBy().isEmpty()) {
        builder = builder.partitionedBy(spec.partitionBy().toArray(new String[0]));
      }
      if (spec.changeDataFeed()) {
        builder = builder.property("delta.enableChangeDataFeed", "true");
      }
      if (!stats.isEmpty()) {
        builder = builder.property(STATS_COLUMNS, stats);
      }
      for (Map.Entry<String, String> check : spec.checks().entrySet()) {
        builder = builder.property(constraintKey(check.getKey()), check.getValue());
      }
      builder.execute();
    }
    register(id);
    addMissingColumns(spec);
    if (spec.checks().isEmpty() && stats.isEmpty()) {
      return;
    }
    Map<String, String> props = scala.collection.JavaConverters.mapAsJavaMap(snapshot(id).metadata().configuration());
    for (Map.Entry<String, String> check : spec.checks().entrySet()) {
      if (!props.containsKey(constraintKey(check.getKey()))) {
        // names and expressions are constants of the table contract, never data values
        spark.sql("ALTER TABLE " + id.qualifiedName() + " ADD CONSTRAINT " + check.getKey()
            + " CHECK (" + check.getValue() + ")");
      }
    }
    if (!stats.isEmpty() && !stats.equals(props.get(STATS_COLUMNS))) {
      // column names of the table contract, never data values
      spark.sql("ALTER TABLE " + id.qualifiedName() + " SET TBLPROPERTIES ('" + STATS_COLUMNS + "' = '" + stats + "')");
    }
  }

  /**
   * Adds the contract's nullable columns that an existing table lacks (a contract grown by a newer genlake), in one
   * commit: {@code ALTER TABLE ... ADD COLUMNS}. Existing rows read them as null until re-ingested
   * ({@code ingest --full}). A missing NOT NULL column cannot be added to a table with rows: that fails with a
   * message naming the table and the column. Reads the Delta log only.
   */
  private void addMissingColumns(TableSpec spec) {
    List<String> present = List.of(snapshot(spec.id()).schema().fieldNames());
    List<String> added = new ArrayList<>();
    for (StructField f : spec.schema().fields()) {
      if (!present.contains(f.name())) {
        if (!f.nullable()) {
          throw new IllegalStateException("Table " + spec.id() + " at " + location(spec.id()) + " lacks the required "
              + "column " + f.name() + " of its contract, which cannot be added to existing rows: rebuild the table "
              + "(move it away and run the step that writes it with --full).");
        }
        // names and types come from the table contract, never from data
        added.add("`" + f.name() + "` " + f.dataType().sql());
      }
    }
    if (!added.isEmpty()) {
      spark.sql("ALTER TABLE " + spec.id().qualifiedName() + " ADD COLUMNS (" + String.join(", ", added) + ")");
    }
  }

  /** Delta's table property naming the columns it keeps per-file statistics on. */
  private static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  private static String constraintKey(String name) {
    return "delta.constraints." + name.toLowerCase(java.util.Locale.ROOT);
  }

  /** Replaces the whole content of {@code id} (schema included) with {@code data} in one Delta commit. */
  public void overwrite(TableId id, Dataset<Row> data) {
    data.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(location(id));
    register(id);
  }

  /**
   * {@link #overwrite}, returning the rows written as Delta recorded them in the commit (operation metric
   * {@code numOutputRows}), read from the log's last commit file: no scan of the table to count it.
   */
  public long overwriteCounted(TableId id, Dataset<Row> data) {
    overwrite(id, data);
    return lastCommitMetric(id, "numOutputRows");
  }

  /**
   * A metric of the table's latest commit ({@code numOutputRows}, {@code numTargetRowsInserted}, ...), 0 when the
   * commit did not record it. Reads the one commit file; no Spark job.
   */
  public long lastCommitMetric(TableId id, String metric) {
    DeltaLog log = DeltaLog.forTable(spark, location(id));
    long version = log.update(false, Option.empty(), Option.empty()).version();
    scala.collection.Iterator<scala.Tuple2<Object, scala.collection.Seq<Action>>> changes = log.getChanges(version, false);
    while (changes.hasNext()) {
      scala.collection.Iterator<Action> actions = changes.next()._2().iterator();
      while (actions.hasNext()) {
        if (actions.next() instanceof CommitInfo info && info.operationMetrics().isDefined()) {
          Option<String> v = info.operationMetrics().get().get(metric);
          return v.isDefined() ? Long.parseLong(v.get()) : 0;
        }
      }
    }
    return 0;
  }

  /** Appends {@code data} to {@code id} in one Delta commit, creating the table if needed. */
  public void append(TableId id, Dataset<Row> data) {
    data.write().format("delta").mode("append").save(location(id));
    register(id);
  }

  /** Registers {@code id} in the session catalog as an external Delta table at its location. */
  public synchronized void register(TableId id) {
    String db = id.layer().dirName();
    if (!spark.catalog().databaseExists(db)) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + db);
    }
    TableIdentifier ident = new TableIdentifier(id.name(), Option.apply(db));
    var catalog = spark.sessionState().catalog();
    if (catalog.tableExists(ident)) {
      URI registered;
      try {
        registered = catalog.getTableMetadata(ident).location();
      } catch (org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException
          | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
        registered = null;
      }
      if (registered != null && registered.getPath().equals(new Path(location(id)).toUri().getPath())) {
        return;
      }
      // the name points at another warehouse's table (one session, several warehouses): re-point it;
      // dropping an external table removes only the catalog entry, never data
      spark.sql("DROP TABLE IF EXISTS " + id.qualifiedName());
    }
    spark.catalog().createTable(id.qualifiedName(), location(id), "delta");
  }

  /** {@code <layer>.<table>} as SQL text names it: any case, either part optionally in backquotes. */
  private static final Pattern NAMED_TABLE = Pattern.compile(
      "`?\\b(bronze|silver|gold|quarantine|ops)`?\\s*\\.\\s*`?([A-Za-z][A-Za-z0-9_]{0,63})\\b`?",
      Pattern.CASE_INSENSITIVE);

  /**
   * Registers the existing tables that {@code sqlText} names as {@code <layer>.<table>}, and only those (each
   * registration reads the table's Delta log: on a warehouse of 60 tables, registering all of them costs some 4 s).
   * Returns what was registered; names of tables that do not exist are left for Spark to report.
   */
  public List<TableId> registerNamed(String sqlText) {
    java.util.Set<TableId> named = new java.util.LinkedHashSet<>();
    var m = NAMED_TABLE.matcher(sqlText);
    while (m.find()) {
      Layer layer = Layer.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
      String name = m.group(2).toLowerCase(java.util.Locale.ROOT);
      if (TABLE_DIR.matcher(name).matches()) {
        named.add(new TableId(layer, name));
      }
    }
    List<TableId> out = new ArrayList<>();
    for (TableId id : named) {
      if (exists(id)) {
        register(id);
        out.add(id);
      }
    }
    return out;
  }

  /** Registers every Delta table found under the root; returns what was registered. */
  public List<TableId> registerAll() {
    List<TableId> found = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      for (TableId id : listTables(layer)) {
        register(id);
        found.add(id);
      }
    }
    return found;
  }

  /** The Delta tables present in {@code layer}. */
  public List<TableId> listTables(Layer layer) {
    List<TableId> out = new ArrayList<>();
    try {
      Path dir = new Path(root, layer.dirName());
      FileSystem fs = fileSystem();
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && TABLE_DIR.matcher(name).matches() && fs.exists(new Path(st.getPath(), "_delta_log"))) {
          out.add(new TableId(layer, name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list tables of layer " + layer.dirName() + " under " + root, e);
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  private FileSystem fileSystem() throws IOException {
    return new Path(root).getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  private static String normalize(String root) {
    URI uri = URI.create(root.replace(" ", "%20"));
    if (uri.getScheme() == null || uri.getScheme().length() == 1) {
      return Paths.get(root).toAbsolutePath().normalize().toString();
    }
    return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }
}
