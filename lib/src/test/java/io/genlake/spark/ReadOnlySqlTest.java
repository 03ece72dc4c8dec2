package io.genlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.testing.TestSpark;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** What {@link ReadOnlySql} refuses, decided from Spark's parsed and analyzed plans. */
class ReadOnlySqlTest {
  static final String HOW = " changes the warehouse or the session (%s), and `sql` only reads by default. Run it "
      + "with --write, which takes the warehouse's writer lock and records the change in ops.pipeline_runs.";

  @Test
  void statementsThatChangeSomethingAreRefusedAndQueriesAreNot() {
    SparkSession spark = TestSpark.session();
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("DELETE FROM silver.generations WHERE 1 = 1", "DELETE" + HOW.formatted("DeleteFromTable"));
    refused.put("insert into silver.generations select * from silver.generations",
        "INSERT" + HOW.formatted("InsertIntoStatement"));
    refused.put("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "INSERT" + HOW.formatted("InsertIntoStatement"));
    refused.put("UPDATE silver.generations SET status = 'x'", "UPDATE" + HOW.formatted("UpdateTable"));
    refused.put("MERGE INTO a USING b ON a.k = b.k WHEN MATCHED THEN DELETE", "MERGE" + HOW.formatted("MergeIntoTable"));
    refused.put("DROP TABLE silver.generations", "DROP" + HOW.formatted("DropTable"));
    refused.put("CREATE TABLE t (a INT) USING delta", "CREATE" + HOW.formatted("CreateTable"));
    refused.put("ALTER TABLE silver.generations ADD COLUMNS (x INT)", "ALTER" + HOW.formatted("AddColumns"));
    refused.put("TRUNCATE TABLE silver.generations", "TRUNCATE" + HOW.formatted("TruncateTable"));
    refused.put("SET spark.sql.shuffle.partitions = 1", "SET" + HOW.formatted("SetCommand"));
    refused.put("ADD JAR x.jar", "ADD" + HOW.formatted("AddJarsCommand"));
    for (Map.Entry<String, String> c : refused.entrySet()) {
      assertEquals(Optional.of(c.getValue()), ReadOnlySql.refusal(spark, c.getKey()), c.getKey());
    }
    for (String ok : new String[] {"SELECT 1", "SHOW TABLES IN silver", "DESCRIBE silver.generations",
        "EXPLAIN DELETE FROM t", "WITH x AS (SELECT 1 AS a) SELECT a FROM x", "SELECT count(*) FROM t GROUP BY a",
        "not sql at all"}) {
      assertEquals(Optional.empty(), ReadOnlySql.refusal(spark, ok), ok);
    }
  }

  @Test
  void functionsThatCallJavaAreFoundInTheAnalyzedPlan() {
    SparkSession spark = TestSpark.session();
    assertEquals(Optional.of("reflect"), ReadOnlySql.callsJava(spark.sql(
        "SELECT reflect('java.lang.System', 'getenv', 'HOME')").queryExecution().analyzed()));
    assertEquals(Optional.of("java_method"), ReadOnlySql.callsJava(spark.sql(
        "SELECT 1 WHERE EXISTS (SELECT java_method('java.lang.System', 'getenv', 'HOME'))").queryExecution()
        .analyzed()));
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW sneaky AS SELECT reflect('java.lang.System', 'getenv', 'PATH') AS v");
    assertEquals(Optional.of("reflect"), ReadOnlySql.callsJava(spark.sql("SELECT v FROM sneaky").queryExecution()
        .analyzed()));
    assertEquals(Optional.empty(), ReadOnlySql.callsJava(spark.sql("SELECT upper('reflect')").queryExecution()
        .analyzed()));
  }
}
