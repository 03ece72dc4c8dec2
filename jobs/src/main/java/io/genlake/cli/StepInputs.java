package io.genlake.cli;

import io.genlake.config.Fingerprint;
import io.genlake.ontology.Ontology;
import io.genlake.pipeline.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * What a nightly step's result depends on besides its input tables and the configuration, described for
 * people: the run date, the ontology file's content, the landing. Part of the step's up-to-date check
 * ({@link NightlySteps.Step#state}); each is cheap (the ontology is one small file read).
 */
final class StepInputs {
  private StepInputs() {}

  /** {@code run date 2026-11-20}: for steps whose output is per day or decays with the date. */
  static String runDate(RunContext ctx) {
    return "run date " + ctx.runDate();
  }

  /** {@code landing /abs/path}: the fit inspector embeds the landing's images. */
  static String landing(RunContext ctx) {
    return "landing " + ctx.landing();
  }

  /**
   * {@code ontology <source> <fingerprint of its bytes>}: fit.ontology names a path whose content can change
   * while the configuration stays the same; the bundled one changes with the build.
   */
  static String ontology(RunContext ctx) {
    Optional<String> file = ctx.config().fit().ontology().filter(p -> !p.isBlank());
    byte[] bytes;
    try {
      if (file.isPresent()) {
        Path path = Path.of(file.get());
        if (!Files.isRegularFile(path)) {
          return "ontology " + path + " (missing)"; // the step itself fails with the explanation
        }
        bytes = Files.readAllBytes(path);
      } else {
        try (InputStream in = Ontology.class.getClassLoader().getResourceAsStream(Ontology.RESOURCE)) {
          bytes = in == null ? new byte[0] : in.readAllBytes();
        }
      }
    } catch (IOException e) {
      return "ontology " + file.orElse(Ontology.RESOURCE) + " (unreadable: " + e.getMessage() + ")";
    }
    return "ontology " + file.orElse("classpath:" + Ontology.RESOURCE) + " "
        + Fingerprint.of(Base64.getEncoder().encodeToString(bytes));
  }
}
