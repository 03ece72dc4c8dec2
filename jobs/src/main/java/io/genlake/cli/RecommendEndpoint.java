package io.genlake.cli;

import io.genlake.config.PreferenceConfig;
import io.genlake.preference.ServingSnapshot;
import io.genlake.serve.RecommendService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code genlake serve}'s {@code /api/recommend}: the same answer and text as {@link RecommendCommand}, from the
 * warehouse's preference snapshot as it is at each request (the snapshot is memory-mapped per request, so the file a
 * nightly writes is answered from at once; opening it costs a fraction of a millisecond whatever its size).
 */
final class RecommendEndpoint implements RecommendService {
  private final Path root;
  private final PreferenceConfig config;

  RecommendEndpoint(Path warehouseRoot, PreferenceConfig config) {
    this.root = warehouseRoot;
    this.config = config;
  }

  @Override
  public String answer(String prompt, List<String> checkpoints, Optional<String> user, Optional<String> family,
      String tier) {
    RecommendCommand.requirePrompt(prompt);
    ServingSnapshot snapshot = RecommendCommand.snapshot(root);
    long t0 = System.nanoTime();
    var answer = RecommendCommand.answer(snapshot, config, prompt, checkpoints, user, family, tier);
    answer.put("lookup_ms", (System.nanoTime() - t0) / 1e6);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      RecommendCommand.print(answer, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
