package io.genlake.fit;

import io.genlake.config.Fingerprint;
import io.genlake.ontology.Ontology;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code ontology} state key of the steps that tag with the ontology: a fingerprint of the file's bytes
 * (fit.ontology, or the bundled one), since its content can change while the configuration names the same path.
 * Cost: one read of a small file.
 */
public final class OntologyState implements StateKey {
  /** The one instance. */
  public static final OntologyState INSTANCE = new OntologyState();

  private OntologyState() {}

  @Override
  public String key() {
    return "ontology";
  }

  @Override
  public String value(RunContext ctx) {
    Optional<String> file = ctx.config().fit().ontology().filter(p -> !p.isBlank());
    byte[] bytes;
    try {
      if (file.isPresent()) {
        Path path = Path.of(file.get());
        if (!Files.isRegularFile(path)) {
          return Fingerprint.of("missing " + path); // the step itself fails with the explanation
        }
        bytes = Files.readAllBytes(path);
      } else {
        try (InputStream in = Ontology.class.getClassLoader().getResourceAsStream(Ontology.RESOURCE)) {
          bytes = in == null ? new byte[0] : in.readAllBytes();
        }
      }
    } catch (IOException e) {
      return Fingerprint.of("unreadable " + file.orElse(Ontology.RESOURCE) + ": " + e.getMessage());
    }
    return Fingerprint.of(file.orElse("classpath:" + Ontology.RESOURCE) + " "
        + Base64.getEncoder().encodeToString(bytes));
  }

  @Override
  public String toString() {
    return key();
  }
}
