package io.genlake.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {
  static String notebook(String... cells) {
    StringBuilder b = new StringBuilder("{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":[");
    for (int i = 0; i < cells.length; i++) {
      b.append(i > 0 ? "," : "").append("{\"cell_type\":\"code\",\"metadata\":{},\"outputs\":[],\"source\":")
          .append(new ObjectMapper().valueToTree(cells[i]).toString()).append("}");
    }
    return b.append(",{\"cell_type\":\"markdown\",\"metadata\":{},\"source\":\"# notes\"}]}").toString();
  }

  @Test
  void runsCellsInOrderAndKeepsTheirOutputAndCharts(@TempDir Path dir) throws Exception {
    Path nb = dir.resolve("ok.ipynb");
    Files.writeString(nb, notebook(
        "import java.util.*;\nint x = 20;\nvar list = new ArrayList<Integer>();",
        "list.add(x + 1);\nSystem.out.println(\"sum=\" + list.get(0));",
        "var chart = new org.knowm.xchart.XYChart(200, 100);\nchart.addSeries(\"s\", new double[]{1,2}, new double[]{3,4});\n"
            + "io.genlake.notebook.Notebooks.display(chart);"));
    NotebookRunner.Result r = NotebookRunner.run(nb, dir.resolve("out"));
    assertTrue(r.ok(), r.error());
    assertEquals(3, r.cells());
    JsonNode cells = new ObjectMapper().readTree(r.rendered().toFile()).path("cells");
    assertEquals("sum=21\n", cells.get(1).path("outputs").get(0).path("text").asText());
    assertTrue(cells.get(2).path("outputs").get(1).path("data").path("image/png").asText().startsWith("iVBOR"));
  }

  @Test
  void stopsAtTheFirstFailingCell(@TempDir Path dir) throws Exception {
    Path nb = dir.resolve("bad.ipynb");
    Files.writeString(nb, notebook("int a = 1;", "int b = a / 0;", "System.out.println(\"never\");"));
    NotebookRunner.Result r = NotebookRunner.run(nb, dir.resolve("out"));
    assertFalse(r.ok());
    assertEquals(2, r.cells());
    assertEquals("cell 2: ArithmeticException: / by zero", r.error());

    Files.writeString(nb, notebook("int a = ;"));
    NotebookRunner.Result compile = NotebookRunner.run(nb, dir.resolve("out2"));
    assertFalse(compile.ok());
    assertTrue(compile.error().startsWith("cell 1: does not compile: illegal start of expression"), compile.error());
  }
}
