package io.genlake.serve;

import io.genlake.config.ServeConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Assembles the server's parts over a warehouse: the two snapshots (reloaded when the nightly replaces them), the fit
 * inspector, ratings into {@code landing}, and the generation panel. No Spark: everything comes from the serving
 * snapshots, and ratings go to the landing for the next nightly.
 */
public final class ServeApp {
  private final FitService fits;
  private final FitRatings ratings;
  private final GenerationService generations;

  /** The parts over {@code warehouseRoot} (a local directory) with ratings written under {@code landing}. */
  public ServeApp(String warehouseRoot, Path landing, ServeConfig config) {
    long recheck = config.reloadSeconds() * 1000L;
    Snapshot<InspectorData> fit = new Snapshot<>(ServingFiles.local(warehouseRoot, ServingFiles.FIT_INSPECTOR),
        InspectorData::read, recheck, "Run `genlake nightly` (its serve_fit step)");
    Snapshot<GenerationData> gen = new Snapshot<>(ServingFiles.local(warehouseRoot, ServingFiles.GENERATIONS),
        GenerationData::read, recheck, "Run `genlake nightly` (its serve_generations step)");
    this.fits = new FitService(fit, landing);
    this.ratings = new FitRatings(fits, new RatingLanding(landing), config.maxNotesChars());
    this.generations = new GenerationService(gen);
  }

  /** The fit inspector's operations. */
  public FitService fits() {
    return fits;
  }

  /** Ratings into the landing ({@code fit rate} uses this too). */
  public FitRatings ratings() {
    return ratings;
  }

  /** Starts the web server on {@code host:port}; {@code token} comes from the environment (never logged). */
  public WebServer start(String host, int port, Optional<String> token, PrintStream log) throws Exception {
    return start(host, port, token, log, Optional.empty());
  }

  /** Starts the web server, answering {@code /api/recommend} with {@code recommendations} when given. */
  public WebServer start(String host, int port, Optional<String> token, PrintStream log,
      Optional<RecommendService> recommendations) throws Exception {
    return WebServer.start(host, port, token, new Routes(fits, ratings, generations, recommendations), log);
  }
}
