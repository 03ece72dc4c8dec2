package io.genlake.sqlendpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.testing.TestSpark;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL endpoint's guard on analyzed plans (analysis only: nothing runs): every statement that changes the warehouse
 * or its catalog is refused in read-only mode, naming the verb; reading, describing and a session's own SET and USE pass;
 * reflection and reading files by path are refused in every mode, Delta's own log reads under the warehouse are not.
 */
class EndpointGuardTest {
  private static Warehouse w;

  @BeforeAll
  static void warehouse(@org.junit.jupiter.api.io.TempDir Path dir) {
    SparkSession spark = TestSpark.session();
    w = new Warehouse(spark, dir.toString());
    spark.sql("SELECT 'a' AS k, 1 AS v").write().format("delta").save(w.location(TableId.gold("guard_t")));
    w.register(TableId.gold("guard_t"));
  }

  @AfterAll
  static void forget() {
    TestSpark.forgetCatalog();
  }

  private static Optional<String> refusal(String sql, boolean write) {
    SparkSession spark = w.spark();
    LogicalPlan parsed;
    try {
      parsed = spark.sessionState().sqlParser().parsePlan(sql);
    } catch (org.apache.spark.sql.catalyst.parser.ParseException e) {
      throw new AssertionError(sql, e);
    }
    LogicalPlan analyzed = spark.sessionState().executePlan(parsed, CommandExecutionMode.SKIP()).analyzed();
    return EndpointGuard.refusal(analyzed, write, w.root());
  }

  @Test
  void readOnlyRefusesEveryChangeByItsVerb() {
    Map<String, String> changes = Map.ofEntries(
        Map.entry("DROP TABLE gold.guard_t", "DROP"),
        Map.entry("INSERT INTO gold.guard_t VALUES ('b', 2)", "INSERT"),
        Map.entry("DELETE FROM gold.guard_t WHERE v = 1", "DELETE"),
        Map.entry("UPDATE gold.guard_t SET v = 2", "UPDATE"),
        Map.entry("MERGE INTO gold.guard_t t USING gold.guard_t s ON t.k = s.k WHEN MATCHED THEN DELETE", "MERGE"),
        Map.entry("CREATE TABLE gold.guard_new (k STRING) USING delta", "CREATE"),
        Map.entry("CREATE TABLE gold.guard_ctas USING delta AS SELECT * FROM gold.guard_t", "CREATE"),
        Map.entry("CREATE VIEW gold.guard_v AS SELECT 1", "CREATE"),
        Map.entry("ALTER TABLE gold.guard_t ADD COLUMNS (x INT)", "ALTER"),
        Map.entry("TRUNCATE TABLE gold.guard_t", "TRUNCATE"),
        Map.entry("CACHE TABLE gold.guard_t", "CACHE"),
        Map.entry("CREATE DATABASE guard_db", "CREATE"));
    changes.forEach((sql, verb) -> {
      String why = refusal(sql, false).orElseThrow(() -> new AssertionError("not refused: " + sql));
      assertTrue(why.startsWith("the genlake SQL endpoint is read-only: " + verb + " ("), sql + " -> " + why);
      assertEquals(Optional.empty(), refusal(sql, true), sql + " in write mode");
    });
  }

  @Test
  void readingDescribingAndSessionSettingsPass() {
    for (String sql : new String[] {"SELECT k, v FROM gold.guard_t", "SHOW TABLES IN gold", "SHOW DATABASES",
        "DESCRIBE TABLE gold.guard_t", "DESCRIBE HISTORY gold.guard_t", "EXPLAIN SELECT * FROM gold.guard_t",
        "SHOW COLUMNS IN gold.guard_t", "SET spark.sql.shuffle.partitions=3", "USE gold",
        "WITH x AS (SELECT * FROM gold.guard_t) SELECT count(*) FROM x"}) {
      assertEquals(Optional.empty(), refusal(sql, false), sql);
    }
  }

  @Test
  void javaCallsAndFilePathsAreRefusedInEveryMode() {
    for (boolean write : new boolean[] {false, true}) {
      assertTrue(refusal("SELECT reflect('java.lang.System', 'getenv', 'HOME')", write).orElseThrow()
          .contains("does not run reflect()"));
      assertTrue(refusal("SELECT * FROM parquet.`" + w.location(TableId.gold("guard_t")) + "`", write).orElseThrow()
          .contains("not files by path"));
      assertEquals(Optional.empty(), refusal("SELECT * FROM json.`" + w.location(TableId.gold("guard_t"))
          + "/_delta_log/00000000000000000000.json`", write));
    }
  }
}
