package io.genlake.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.ontology.Ontology;
import io.genlake.ontology.Term;
import io.genlake.pipeline.Progress;
import io.genlake.serve.InspectorData;
import io.genlake.serve.ServeApp;
import io.genlake.serve.ServingFiles;
import io.genlake.serve.WebServer;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake bench serve --requests 1000}: starts {@code genlake serve} in-process on a loopback port over the
 * warehouse's fit inspector snapshot (or a synthetic one of {@code --blocks} x {@code --assets} when it has none),
 * sends score requests for random pairs and roles one after another over HTTP, and prints p50, p99 and max latency
 * and the snapshot load time; then sends a bad request and checks the next good one is still answered.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Benchmark genlake serve's score requests over HTTP (no Spark): p50/p99 over N requests.")
final class BenchServeCommand implements Callable<Integer> {
  private static final List<String> ROLES = List.of("initial", "continuation", "transition", "unspecified");

  @Mixin WarehouseOptions warehouse;

  @Option(names = "--requests", defaultValue = "1000", description = "Score requests timed. Default: ${DEFAULT-VALUE}.")
  int requests;

  @Option(names = "--blocks", defaultValue = "2000", description = "Synthetic blocks (without a snapshot). Default: ${DEFAULT-VALUE}.")
  int blocks;

  @Option(names = "--assets", defaultValue = "100000",
      description = "Synthetic assets (without a snapshot). Default: ${DEFAULT-VALUE}.")
  int assets;

  @Override
  public Integer call() throws Exception {
    Progress p = new Progress(System.err, false);
    String root = warehouse.warehouseRoot();
    Path file = ServingFiles.local(root, ServingFiles.FIT_INSPECTOR);
    Path tmp = null;
    if (!Files.isRegularFile(file)) {
      tmp = Files.createTempDirectory("genlake-bench-serve");
      root = tmp.toString();
      file = ServingFiles.local(root, ServingFiles.FIT_INSPECTOR);
      synthetic(file, blocks, assets);
      p.step("bench serve", "no fit inspector snapshot in " + warehouse.warehouseRoot() + ": synthetic " + blocks
          + " blocks x " + assets + " assets, " + Files.size(file) / 1024 + " kB");
    }
    long t0 = System.nanoTime();
    InspectorData data = InspectorData.read(file);
    p.step("bench serve", String.format(Locale.ROOT, "snapshot %s: %d blocks, %d assets, loaded in %.0f ms", file,
        data.blocks().size(), data.assets().size(), (System.nanoTime() - t0) / 1e6));
    List<String> blockIds = new ArrayList<>(data.blocks().keySet());
    List<String> assetIds = new ArrayList<>(data.assets().keySet());
    ServeApp app = new ServeApp(root, Path.of(root).resolve("bench-landing"), warehouse.config().serve());
    HttpClient http = HttpClient.newHttpClient();
    try (WebServer server = app.start("127.0.0.1", 0, Optional.empty(), System.err)) {
      String base = "http://127.0.0.1:" + server.port();
      SplittableRandom random = new SplittableRandom(17);
      int warmup = Math.min(500, requests);
      long[] nanos = new long[requests];
      for (int i = -warmup; i < requests; i++) {
        String url = base + "/api/score?block_id=" + enc(blockIds.get(random.nextInt(blockIds.size())))
            + "&asset_id=" + enc(assetIds.get(random.nextInt(assetIds.size()))) + "&role="
            + ROLES.get(random.nextInt(ROLES.size()));
        long s = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - s;
        if (r.statusCode() != 200) {
          throw new IllegalStateException("score request answered " + r.statusCode() + ": " + r.body());
        }
        if (i >= 0) {
          nanos[i] = took;
        }
      }
      Arrays.sort(nanos);
      p.step("bench serve", String.format(Locale.ROOT,
          "%d score requests over HTTP, one at a time: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%.0f requests/s)",
          requests, nanos[requests / 2] / 1e6, nanos[(int) Math.min(requests - 1, Math.ceil(requests * 0.99) - 1)] / 1e6,
          nanos[requests - 1] / 1e6, requests / (Arrays.stream(nanos).sum() / 1e9)));
      int bad = http.send(HttpRequest.newBuilder(URI.create(base + "/api/score?block_id=" + enc(blockIds.get(0))
          + "&asset_id=" + enc(assetIds.get(0)) + "&role=middle")).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode();
      int after = http.send(HttpRequest.newBuilder(URI.create(base + "/api/score?block_id=" + enc(blockIds.get(0))
          + "&asset_id=" + enc(assetIds.get(0)))).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
      p.step("bench serve", "bad request (role middle) answered " + bad + "; the next score request answered " + after);
      if (bad != 400 || after != 200) {
        throw new IllegalStateException("the server did not keep working after a bad request");
      }
    } finally {
      if (tmp != null) {
        ScratchDir.delete(tmp);
      }
    }
    return 0;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A snapshot of random blocks (1-6 IDs) and assets (1-8 IDs, a caption) over the bundled ontology. */
  static void synthetic(Path file, int blocks, int assets) throws Exception {
    Ontology ontology = Ontology.bundled();
    List<Term> terms = ontology.terms();
    SplittableRandom r = new SplittableRandom(5);
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
        JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("format", ServingFiles.FIT_FORMAT);
      g.writeNumberField("version", ServingFiles.VERSION);
      g.writeStringField("as_of", "2026-11-21T00:00:00Z");
      g.writeStringField("ontology_source", ontology.source());
      g.writeStringField("ontology_yaml", Ontology.textOf(Optional.empty()));
      g.writeArrayFieldStart("blocks");
      for (int b = 0; b < blocks; b++) {
        List<String> ids = pick(terms, 1 + r.nextInt(6), r);
        g.writeStartObject();
        g.writeStringField("block_id", String.format(Locale.ROOT, "block-%06d", b));
        g.writeStringField("prompt", String.join(", ", ids).replace(':', ' '));
        g.writeFieldName("ontology_ids");
        g.writeObject(ids);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("assets");
      for (int a = 0; a < assets; a++) {
        List<String> ids = pick(terms, 1 + r.nextInt(8), r);
        g.writeStartObject();
        g.writeStringField("asset_id", String.format(Locale.ROOT, "asset-%07d", a));
        g.writeFieldName("captions");
        g.writeObject(List.of(String.join(", ", ids).replace(':', ' ')));
        g.writeFieldName("ontology_ids");
        g.writeObject(ids);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static List<String> pick(List<Term> terms, int n, SplittableRandom r) {
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      String id = terms.get(r.nextInt(terms.size())).id();
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }
}
