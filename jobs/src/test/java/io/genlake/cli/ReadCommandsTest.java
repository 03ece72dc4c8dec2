package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that must not change or reveal what they should not: read-only {@code sql}, a mistyped
 * {@code --warehouse}, outputs under the warehouse, and clear errors for bad {@code --where} and table names.
 */
class ReadCommandsTest {
  /** What a command printed and returned. */
  record Ran(int exit, String out, String err) {}

  static Ran run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Genlake.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A warehouse with three generations, ingested by the ingest command. */
  static String warehouse(Path dir) throws IOException {
    Path landing = dir.resolve("landing");
    Files.createDirectories(landing.resolve("generations"));
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      lines.append("{\"generation_id\":\"g").append(i).append("\",\"created_at\":\"2026-11-20T10:00:00Z\",")
          .append("\"status\":\"completed\",\"operation_type\":\"text_to_image\",\"provider\":\"comfyui\",")
          .append("\"cost_usd\":0.1,\"final_prompt\":\"").append("long prompt ".repeat(10)).append("\"}\n");
    }
    Files.writeString(landing.resolve("generations/g.jsonl"), lines);
    String wh = dir.resolve("wh").toString();
    Ran ingest = run("ingest", "generations", "-q", "--warehouse", wh, "--landing", landing.toString());
    assertEquals(0, ingest.exit(), ingest.err());
    // -q: the creation notice and the final result only
    assertTrue(ingest.err().matches("\\[genlake\\] no warehouse at \\Q" + wh + "\\E yet: creating a new one there\n"
        + "\\[ingest\\] succeeded in \\d+\\.\\d\\d s\n"), ingest.err());
    return wh;
  }

  @Test
  void sqlOnlyReadsUnlessToldToWrite(@TempDir Path dir) throws IOException {
    TestSpark.session();
    String wh = warehouse(dir);
    String how = ", and `sql` only reads by default. Run it with --write, which takes the warehouse's writer lock "
        + "and records the change in ops.pipeline_runs.\n";
    assertEquals(new Ran(1, "", "genlake sql: DELETE changes the warehouse or the session (DeleteFromTable)" + how),
        run("sql", "--warehouse", wh, "DELETE FROM silver.generations"));
    assertEquals(new Ran(1, "", "genlake sql: INSERT changes the warehouse or the session (InsertIntoStatement)"
        + how), run("sql", "--warehouse", wh, "INSERT INTO silver.generations SELECT * FROM silver.generations"));
    String reflect = "genlake sql: `sql` does not run reflect(): it calls Java methods inside genlake, which can "
        + "read environment variables (secrets among them) and files. No mode allows it; query the tables instead.\n";
    assertEquals(new Ran(1, "", reflect), run("sql", "--warehouse", wh,
        "SELECT reflect('java.lang.System', 'getenv', 'HOME') AS home"));
    // with --write the statement is a recorded run: its failure line names the run
    Ran written = run("sql", "--write", "-q", "--warehouse", wh,
        "SELECT reflect('java.lang.System', 'getenv', 'HOME') AS home");
    assertEquals(1, written.exit());
    assertEquals(reflect.replace("genlake sql: ", ""), written.err().replaceFirst("^\\[sql\\] failed in [0-9.]+ s: ", ""));
    assertEquals(new Ran(0, "n\n3\n", ""), run("sql", "--warehouse", wh, "--format", "csv",
        "SELECT count(*) AS n FROM silver.generations"));

    Ran delete = run("sql", "--write", "-q", "--warehouse", wh, "--format", "csv",
        "DELETE FROM silver.generations WHERE generation_id = 'g1'");
    assertEquals(0, delete.exit(), delete.err());
    assertEquals(new Ran(0, "job,arguments,status\nsql,DELETE FROM silver.generations WHERE generation_id = 'g1',"
        + "succeeded\n", ""), run("sql", "--warehouse", wh, "--format", "csv",
        "SELECT job, arguments, status FROM ops.pipeline_runs WHERE job = 'sql' AND status = 'succeeded'"));
    assertEquals(new Ran(0, "n\n1\n", ""), run("sql", "--warehouse", wh, "--format", "csv",
        "SELECT count(*) AS n FROM ops.pipeline_runs WHERE job = 'sql' AND status = 'failed'"));
    assertEquals(new Ran(0, "n\n2\n", ""), run("sql", "--warehouse", wh, "--format", "csv",
        "SELECT count(*) AS n FROM silver.generations"));
  }

  @Test
  void readableOutputAndErrors(@TempDir Path dir) throws IOException {
    TestSpark.session();
    String wh = warehouse(dir);
    Ran table = run("sql", "--warehouse", wh, "SELECT final_prompt FROM silver.generations LIMIT 1");
    assertEquals("+----------------------------------------+\n|                            final_prompt|\n"
        + "+----------------------------------------+\n|long prompt long prompt long prompt l...|\n"
        + "+----------------------------------------+\n", table.out());
    Ran wide = run("sql", "--wide", "--warehouse", wh, "SELECT final_prompt FROM silver.generations LIMIT 1");
    assertTrue(wide.out().contains("|" + "long prompt ".repeat(10) + "|"), wide.out());
    assertEquals(new Ran(0, "{\"x\":0.15,\"n\":3}\n", ""), run("sql", "--warehouse", wh, "--format", "json",
        "SELECT 0.1D + 0.05D AS x, 3 AS n"));
    assertEquals(new Ran(1, "", "genlake sql: no table silver.generation in the warehouse at " + wh + "; did you "
        + "mean silver.generations? (`bin/genlake sql \"SHOW TABLES IN silver\"` lists a layer's tables)\n"),
        run("sql", "--warehouse", wh, "SELECT * FROM silver.generation"));
    Ran where = run("export", "--warehouse", wh, "--format", "csv", "--table", "silver.generations",
        "--where", "status = ");
    assertEquals(1, where.exit());
    assertTrue(where.err().startsWith("genlake export: --where \"status = \" is not a valid condition on "
        + "silver.generations: "), where.err());
    assertTrue(where.err().contains("Syntax error at or near end of input"), where.err());
    assertTrue(where.err().endsWith("Write a Spark SQL boolean expression over the table's columns (bin/genlake sql "
        + "\"DESCRIBE silver.generations\" lists them), e.g. --where \"status = 'ko'\".\n"),
        where.err());

    // exports belong to the warehouse, not to the working directory
    assertEquals(0, run("export", "-q", "--warehouse", wh, "--format", "csv", "--table", "silver.generations").exit());
    assertEquals(4, Files.readAllLines(Path.of(wh, "exports", "silver.generations.csv")).size());
  }

  @Test
  void maintainAndVacuumSucceedAndZOrderOnlyColumnsWithStatistics(@TempDir Path dir) throws IOException {
    TestSpark.session();
    String wh = warehouse(dir);
    Ran maintain = run("maintain", "--warehouse", wh);
    assertEquals(0, maintain.exit(), maintain.err());
    assertTrue(maintain.err().contains("[maintain] optimize silver.generations z-order [model_name, checkpoint]: "),
        maintain.err());
    assertTrue(maintain.err().endsWith("[maintain] succeeded in " + maintain.err().replaceAll("(?s).*succeeded in ",
        "")), maintain.err());
    Ran vacuum = run("maintain", "--vacuum", "-q", "--warehouse", wh);
    assertEquals(0, vacuum.exit(), vacuum.err());
    assertTrue(vacuum.err().matches("\\[maintain\\] succeeded in \\d+\\.\\d\\d s\n"), vacuum.err());
    assertEquals(new Ran(0, "job,status\nmaintain,succeeded\nmaintain,succeeded\n", ""), run("sql", "--warehouse", wh,
        "--format", "csv", "SELECT job, status FROM ops.pipeline_runs WHERE job = 'maintain'"));
  }

  @Test
  void aMistypedWarehouseIsRefusedAndNothingIsCreated(@TempDir Path dir) throws IOException {
    TestSpark.session();
    Path wrong = dir.resolve("wrong");
    String refusal = ": no genlake warehouse at " + wrong + ": run `bin/genlake nightly` first or pass --warehouse "
        + "(or set GENLAKE_WAREHOUSE) to the warehouse you meant\n";
    for (List<String> command : List.of(List.of("sql", "SELECT 1"), List.of("report", "failures"),
        List.of("report", "fit"), List.of("export", "--format", "csv", "--table", "silver.generations"),
        List.of("export", "ml"), List.of("maintain"))) {
      List<String> args = new java.util.ArrayList<>(command);
      args.addAll(List.of("--warehouse", wrong.toString()));
      Ran r = run(args.toArray(new String[0]));
      String name = command.get(0).equals("report") || command.contains("ml") ? command.get(1) : command.get(0);
      assertEquals(new Ran(1, "", "genlake " + name + refusal), r, String.join(" ", command));
    }
    assertFalse(Files.exists(wrong));
    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.toList());
    }
  }
}
