package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
  @Test
  void nightlyRecordsItsRunAndSqlReadsItBack(@TempDir Path dir) {
    TestSpark.session();
    String wh = dir.resolve("wh").toString();
    assertEquals(0, Genlake.run("nightly", "--quiet", "--warehouse", wh, "--landing", dir.toString()));
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Genlake.run("sql", "--warehouse", wh, "--format", "csv",
          "SELECT job, status FROM ops.pipeline_runs WHERE job = 'nightly'"));
    } finally {
      System.setOut(old);
    }
    assertEquals("job,status\nnightly,succeeded\n", buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badQueryFailsWithExitOne(@TempDir Path dir) {
    TestSpark.session();
    int code = Genlake.run("sql", "--warehouse", dir.toString(), "SELECT * FROM silver.nope");
    assertEquals(1, code);
    assertTrue(dir.toFile().exists());
  }
}
