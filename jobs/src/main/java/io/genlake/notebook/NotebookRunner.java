package io.genlake.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Executes Jupyter notebooks with Java cells (JJava/IJava style) headlessly through the JDK's JShell, in this
 * JVM and with this class path, so cells can use genlake and Spark directly. Code cells run in order; the
 * first cell that does not compile or throws stops the run with the cell number and the error. The executed
 * notebook, with each cell's printed output and charts (PNG), is written to the output directory.
 */
public final class NotebookRunner {
  /** The outcome of one notebook. */
  public record Result(Path notebook, Path rendered, int cells, boolean ok, String error) {}

  private NotebookRunner() {}

  public static Result run(Path notebook, Path outDir) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode doc = (ObjectNode) json.readTree(notebook.toFile());
    PrintStream realOut = System.out;
    int executed = 0;
    String error = null;
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
      int count = 0;
      for (JsonNode cell : doc.path("cells")) {
        if (!"code".equals(cell.path("cell_type").asText())) {
          continue;
        }
        count++;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream cellOut = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(cellOut);
        try {
          error = runCell(shell, analysis, source(cell));
        } finally {
          System.setOut(realOut);
        }
        executed = count;
        ObjectNode c = (ObjectNode) cell;
        c.put("execution_count", count);
        ArrayNode outputs = c.putArray("outputs");
        String text = captured.toString(StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
          ObjectNode stream = outputs.addObject();
          stream.put("output_type", "stream");
          stream.put("name", "stdout");
          stream.put("text", text);
        }
        for (byte[] png : Notebooks.drainImages()) {
          ObjectNode display = outputs.addObject();
          display.put("output_type", "display_data");
          display.putObject("data").put("image/png", Base64.getEncoder().encodeToString(png));
          display.putObject("metadata");
        }
        if (error != null) {
          ObjectNode err = outputs.addObject();
          err.put("output_type", "error");
          err.put("ename", "CellError");
          err.put("evalue", error);
          err.putArray("traceback").add(error);
          error = "cell " + count + ": " + error;
          break;
        }
      }
    }
    Files.createDirectories(outDir);
    Path rendered = outDir.resolve(notebook.getFileName());
    json.writeValue(rendered.toFile(), doc);
    return new Result(notebook, rendered, executed, error == null, error);
  }

  /** Runs every complete snippet of a cell; returns the first error, or null. */
  private static String runCell(JShell shell, SourceCodeAnalysis analysis, String source) {
    String remaining = source;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete()) {
        return "incomplete code: " + remaining.strip().lines().findFirst().orElse("");
      }
      for (SnippetEvent event : shell.eval(info.source())) {
        if (event.exception() != null) {
          Throwable t = event.exception();
          String name = t instanceof jdk.jshell.EvalException e ? e.getExceptionClassName() : t.getClass().getName();
          return name.substring(name.lastIndexOf('.') + 1) + ": " + t.getMessage();
        }
        if (event.status() == Snippet.Status.REJECTED) {
          List<String> messages = new ArrayList<>();
          shell.diagnostics(event.snippet()).forEach(d -> messages.add(d.getMessage(java.util.Locale.ROOT)));
          return "does not compile: " + String.join("; ", messages) + " in `" + event.snippet().source().strip() + "`";
        }
        if (event.value() != null && !event.value().isEmpty() && event.snippet().kind() == Snippet.Kind.EXPRESSION) {
          System.out.println(event.value());
        }
      }
      remaining = info.remaining();
    }
    return null;
  }

  private static String source(JsonNode cell) {
    JsonNode src = cell.path("source");
    if (src.isArray()) {
      StringBuilder b = new StringBuilder();
      src.forEach(line -> b.append(line.asText()));
      return b.toString();
    }
    return src.asText();
  }
}
