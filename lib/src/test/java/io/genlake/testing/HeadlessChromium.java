package io.genlake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for page tests: loads a page, dumps the DOM after load, and collects the console messages
 * (from its log) and the URLs the page itself requested (from Chromium's net log: requests made for the page's
 * file:// origin, the page excluded; the browser's own background requests are not the page's). Host names
 * resolve to nothing, so a page under test never reaches the network. Skips (assumption) only when chromium is
 * absent and CI is not "true"; in CI a missing browser fails.
 */
public final class HeadlessChromium {
  /** The browser binary (Debian's chromium package). */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /**
   * A loaded page.
   *
   * @param dom the DOM after load, serialised
   * @param console console lines Chromium logged for the page
   * @param requests URLs the page requested besides itself, in order, without repeats
   */
  public record Rendered(String dom, List<String> console, List<String> requests) {
    /** The console lines that are errors. */
    public List<String> consoleErrors() {
      return console.stream().filter(l -> l.contains("Uncaught") || l.contains("Error") || l.contains("ERROR")).toList();
    }
  }

  private HeadlessChromium() {}

  /** Loads {@code page} in a fresh profile under {@code work} (virtual time: 10 s budget). */
  public static Rendered render(Path page, Path work) throws IOException, InterruptedException {
    boolean ci = "true".equals(System.getenv("CI"));
    if (!Files.isExecutable(CHROMIUM)) {
      Assumptions.assumeTrue(ci, "chromium not installed (and CI is not true): browser test skipped");
      throw new IllegalStateException("CI=true but " + CHROMIUM + " is missing: install Debian's chromium package.");
    }
    Path dir = Files.createTempDirectory(work, "chromium");
    Path out = dir.resolve("dom.html");
    Path log = dir.resolve("chromium.log");
    Path netLog = dir.resolve("netlog.json");
    String url = page.toUri().toString();
    Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--log-net-log=" + netLog, "--virtual-time-budget=10000",
        "--dump-dom", url)
        .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + Files.readString(log));
    }
    List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(":CONSOLE"))
        .toList();
    return new Rendered(Files.readString(out, StandardCharsets.UTF_8), console, pageRequests(netLog, url));
  }

  /** URLs whose request Chromium started for the page's file:// origin, the page itself excluded. */
  static List<String> pageRequests(Path netLog, String pageUrl) throws IOException {
    JsonNode log = new ObjectMapper().readTree(netLog.toFile());
    int startJob = log.get("constants").get("logEventTypes").get("URL_REQUEST_START_JOB").asInt();
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode e : log.get("events")) {
      JsonNode params = e.get("params");
      if (e.get("type").asInt() != startJob || params == null || params.get("url") == null) {
        continue;
      }
      String url = params.get("url").asText();
      JsonNode key = params.get("network_isolation_key");
      boolean fromPage = key != null && key.asText().startsWith("file://");
      if (fromPage && !url.equals(pageUrl) && !url.startsWith("data:")) {
        out.add(url);
      }
    }
    return new ArrayList<>(out);
  }
}
