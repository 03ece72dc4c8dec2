package io.genlake.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The many-small-files landing of {@code bench ingest --small-files N}: N JSON Lines files under
 * {@code generations/}, each holding one valid generation record (about 300 bytes), as an app that exports one
 * file per event would drop them.
 */
final class SmallFiles {
  private SmallFiles() {}

  /** Writes {@code n} one-record files under {@code landing/generations/} (in folders of 1,000). */
  static void write(Path landing, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Path file = landing.resolve("generations").resolve(String.format(Locale.ROOT, "batch-%03d", i / 1000))
          .resolve(String.format(Locale.ROOT, "gen-%06d.jsonl", i));
      if (i % 1000 == 0) {
        Files.createDirectories(file.getParent());
      }
      String record = String.format(Locale.ROOT, "{\"generation_id\":\"small-%06d\",\"created_at\":"
          + "\"2026-11-20T10:%02d:%02dZ\",\"status\":\"completed\",\"operation_type\":\"text_to_image\","
          + "\"provider\":\"comfyui\",\"checkpoint\":\"sdxl_base.safetensors\",\"final_prompt\":\"a small file, "
          + "number %d\",\"parameters\":{\"cfg_scale\":7.5,\"steps\":30,\"seed\":%d},\"cost_usd\":0.004}%n",
          i, (i / 60) % 60, i % 60, i, i);
      Files.write(file, record.getBytes(StandardCharsets.UTF_8));
    }
  }
}
