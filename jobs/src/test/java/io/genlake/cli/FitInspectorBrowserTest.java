package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.genlake.testing.FitFixtures;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the fit inspector in headless Chromium: it must load, log nothing to the console, show block b1. */
class FitInspectorBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void inspectorLoadsWithoutConsoleErrorsAndShowsTheBlock(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) || "true".equals(System.getenv("CI")),
        "chromium is not installed (it is required when CI=true)");
    String wh = dir.resolve("wh").toString();
    FitFixtures.write(new Warehouse(TestSpark.session(), wh));
    Path config = dir.resolve("genlake.yaml");
    Files.writeString(config, "paths: {reports: " + dir.resolve("reports") + "}\nfit: {bootstrap_samples: 200}\n");
    String[] common = {"--quiet", "--warehouse", wh, "--config", config.toString(), "--landing", dir.toString()};
    assertEquals(0, Genlake.run(concat(new String[] {"fit", "run"}, common)));
    assertEquals(0, Genlake.run(concat(new String[] {"report", "fit", "--block-id", "b1"}, common)));
    Path page = dir.resolve("reports/fit/block-b1.html");
    assertTrue(Files.isRegularFile(page), page + " was not written");

    // the probe proves console messages are caught: a page that logs one must be reported
    Path probe = dir.resolve("probe.html");
    Files.writeString(probe, "<!DOCTYPE html><html><body><script>console.error('probe')</script></body></html>");
    assertEquals(1, render(probe, dir.resolve("probe-profile")).consoleLines().size());

    Rendered r = render(page, dir.resolve("profile"));
    assertEquals(List.of(), r.consoleLines());
    assertTrue(r.dom().contains("<section class=\"block\" id=\"block-b1\"><h2>Block b1</h2>"), r.dom());
    assertTrue(r.dom().contains("couple from behind, walking side by side on the beach"));
    assertTrue(r.dom().contains("<span class=\"chip conflict\">cam:from_behind ✗ cam:front_view</span>"));
    assertTrue(r.dom().contains("Camera is front-facing, block expects from_behind"));
    assertTrue(r.dom().contains("data:image/png;base64,"));
  }

  record Rendered(String dom, List<String> consoleLines) {}

  private static Rendered render(Path page, Path profile) throws IOException, InterruptedException {
    Path out = Files.createTempFile("dom", ".html");
    Path err = Files.createTempFile("chromium", ".log");
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish in 120 s");
    assertEquals(0, p.exitValue(), Files.readString(err));
    List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains(":CONSOLE")).toList();
    return new Rendered(Files.readString(out, StandardCharsets.UTF_8), console);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
