package io.genlake.generate;

/**
 * The ratings a completed generation receives: its image rating (seed 002), preference events (seed 003)
 * and block-fit ratings (seed 000), each drawn with the planted signals of {@link PlantedSignals}.
 */
final class RatingEmitter {
  /** Chance that a completed generation's asset is rated against a block: gives about N/2 fit ratings. */
  static final double FIT_PAIR_CHANCE = 0.37;
  /**
   * An iterate-and-pick round shows up to {@value #MAX_EXTRA_CANDIDATES} candidates from other checkpoints beside the
   * generation (seed 003's explore mode tries up to three checkpoints), each with this chance.
   */
  static final double EXTRA_CANDIDATE_CHANCE = 0.5;
  static final int MAX_EXTRA_CANDIDATES = 2;
  private static final String[] ROLES = {"initial", "continuation", "unspecified", "transition"};

  private final Landing landing;
  private final Rng rng;
  private final ReferenceData ref;
  private final Zipf raters;
  private final Zipf checkpoints = new Zipf(Vocabulary.CHECKPOINTS.length, 1.0);
  private long events;
  private long fits;
  /** Images completed from this time on get predictions of model v1.1. */
  private final long predictionSwitch;
  /** Standalone preference rounds per checkpoint generation (see {@link LandingGenerator}). */
  private final int preferenceRounds;

  RatingEmitter(Landing landing, Rng rng, ReferenceData ref, long scale, long idBase, long start, long window,
      int preferenceRounds) {
    this.predictionSwitch = start + window * 6 / 10;
    this.preferenceRounds = preferenceRounds;
    this.landing = landing;
    this.events = idBase;
    this.fits = idBase;
    this.rng = rng;
    this.ref = ref;
    this.raters = new Zipf((int) Math.max(6, Math.min(2_000, scale / 2_000)), 0.8);
  }

  void emit(Gen g) {
    if (g.image) {
      imageRating(g);
    }
    if (g.checkpoint != null) {
      g.selection = preference(g, g.checkpoint, g.id);
      for (int extra = 0; extra < MAX_EXTRA_CANDIDATES; extra++) {
        if (rng.chance(EXTRA_CANDIDATE_CHANCE)) {
          int c = checkpoints.draw(rng);
          String other = Vocabulary.CHECKPOINTS[c];
          if (!other.equals(g.checkpoint)) {
            preference(g, other, null);
          }
        }
      }
      // the same prompt tried again in the preference app on its own: no exported generation behind the candidates
      for (int round = 0; round < preferenceRounds; round++) {
        int candidates = 2 + rng.below(2);
        for (int c = 0; c < candidates; c++) {
          preference(g, Vocabulary.CHECKPOINTS[checkpoints.draw(rng)], null);
        }
      }
    }
    if (rng.chance(FIT_PAIR_CHANCE)) {
      blockFit(g);
    }
  }

  private void imageRating(Gen g) {
    Kind k = Kind.IMAGE_RATINGS;
    Format format = g.sessionFormat == Format.SQLITE ? Format.SQLITE : rng.chance(0.85) ? Format.JSONL : Format.CSV;
    Object[] row = k.row();
    long created = g.completed + 1;
    row[k.index("image_id")] = Long.toString(g.idBase + g.index + 1);
    row[k.index("session_id")] = g.sessionId;
    row[k.index("filename")] = "image_" + (g.idBase + g.index + 1) + ".png";
    // seed 002's own database keeps the model and parameters in the session's metadata only; exported images
    // carry them from their PNG metadata
    boolean seedDatabase = format == Format.SQLITE;
    row[k.index("metadata")] = Json.object("seed", g.seed, "prompt", g.prompt, "negative_prompt", g.negative,
        "variations", g.variations,
        "variation_combination_hash", g.variations == null ? null : Long.toHexString(g.variations.json().hashCode() * 2_654_435_761L),
        "file_size", 400_000 + rng.below(1_600_000),
        "dimensions", new Json.Raw("[" + g.width + "," + g.height + "]"),
        "model_name", seedDatabase ? null : g.modelName, "checkpoint", seedDatabase ? null : g.checkpoint,
        "sampler", seedDatabase ? null : g.sampler, "steps", seedDatabase ? null : g.steps,
        "cfg_scale", seedDatabase ? null : g.cfg, "generation_id", g.id, "asset_id", g.assetId);
    row[k.index("is_deleted")] = rng.chance(0.01);
    row[k.index("created_at")] = Stamp.of(format, created, rng);
    row[k.index("status")] = "ok";
    row[k.index("is_liked")] = false;
    boolean update = format != Format.SQLITE && rng.chance(0.05);
    if (update) {
      // first registered unrated, rated later: same image_id, older updated_at
      Object[] first = row.clone();
      first[k.index("updated_at")] = Stamp.of(format, created, rng);
      landing.write(k, format, first);
    }
    long rated = created + 60L * rng.between(1, 60 * 24 * 5);
    if (g.failure) {
      row[k.index("status")] = "ko";
      row[k.index("failure_category")] = g.pattern != null && rng.chance(PlantedSignals.PATTERN_CATEGORY_SHARE)
          ? g.pattern.category() : Vocabulary.FAILURE_CATEGORIES_IMAGE[rng.below(4)];
      row[k.index("technical_quality")] = rng.chance(0.5) ? "imperfect" : null;
      row[k.index("failure_notes")] = rng.chance(0.4) ? Zipfs.draw(rng, Vocabulary.FAILURE_NOTES) : null;
      row[k.index("updated_at")] = Stamp.of(format, rated, rng);
    } else {
      double u = rng.next();
      row[k.index("technical_quality")] = u < 0.35 ? "perfect" : u < 0.5 ? "imperfect" : null;
      row[k.index("is_liked")] = rng.chance(0.12);
      if (u < 0.5 || Boolean.TRUE.equals(row[k.index("is_liked")])) {
        row[k.index("updated_at")] = Stamp.of(format, rated, rng);
      }
    }
    if (rng.chance(PlantedSignals.PREDICTION_SHARE)) {
      row[k.index("ml_predictions")] = prediction(g, (String) row[k.index("failure_category")]);
    }
    if (rng.chance(0.03)) {
      row[k.index("notes")] = "check " + Zipfs.draw(rng, Vocabulary.CAMERA) + " framing";
    }
    if (update) {
      row[k.index("updated_at")] = Stamp.of(format, rated, rng);
      landing.writeDuplicate(k, format, row);
    } else {
      landing.write(k, format, row);
    }
  }

  /**
   * Seed 002's ml_predictions of an image: model v1.0 in the window's first 60%, v1.1 after (more accurate); the
   * predicted category is the human label (ok, or the failure category) with the version's accuracy, else another.
   */
  private Json.Raw prediction(Gen g, String failureCategory) {
    boolean newer = g.completed >= predictionSwitch;
    String actual = g.failure ? failureCategory : "ok";
    String[] labels = {"ok", "malformed", "noise", "incomplete", "off_prompt"};
    String predicted = actual;
    if (!rng.chance(newer ? PlantedSignals.PREDICTION_ACCURACY_V2 : PlantedSignals.PREDICTION_ACCURACY_V1)) {
      do {
        predicted = labels[rng.below(labels.length)];
      } while (predicted.equals(actual));
    }
    double confidence = Math.round((0.5 + rng.next() * 0.49) * 100) / 100.0;
    return Json.object("predicted_category", predicted, "confidence", confidence,
        "model_version", newer ? "v1.1" : "v1.0",
        "features", Json.object("blur", Math.round(rng.next() * 100) / 100.0, "faces", rng.below(3)));
  }

  /** One preference event for a candidate of {@code checkpoint}; returns the action drawn. */
  private String preference(Gen g, String checkpoint, String generationId) {
    Kind k = Kind.PREFERENCE_EVENTS;
    double u = rng.next();
    Format format = u < 0.2 ? Format.SQLITE : u < 0.3 ? Format.CSV : Format.JSONL;
    boolean anime = g.prompt.contains("anime");
    boolean photo = g.prompt.contains("photorealistic");
    String action = rng.chance(PlantedSignals.selectProbability(checkpoint, anime, photo, g.loraNames, g.loraStrengths,
        g.steps, g.sampler)) ? "selected" : "rejected";
    Object[] row = k.row();
    row[k.index("event_id")] = Long.toString(++events);
    row[k.index("user_id")] = g.userId;
    row[k.index("prompt")] = g.prompt;
    row[k.index("negative_prompt")] = g.negative;
    String[] keywords = new String[g.styles.length + g.scene.length];
    System.arraycopy(g.styles, 0, keywords, 0, g.styles.length);
    System.arraycopy(g.scene, 0, keywords, g.styles.length, g.scene.length);
    row[k.index("keywords")] = keywords;
    row[k.index("checkpoint")] = checkpoint;
    row[k.index("loras")] = g.loras;
    row[k.index("action")] = action;
    row[k.index("model_family")] = Vocabulary.CHECKPOINT_FAMILY[Vocabulary.checkpointIndex(checkpoint)];
    row[k.index("task_type")] = rng.chance(0.8) ? "standard" : "iteration";
    row[k.index("generation_id")] = generationId;
    row[k.index("share_preferences")] = rng.chance(0.85);
    row[k.index("created_at")] = Stamp.of(format, g.completed + 30 + rng.below(600), rng);
    landing.write(k, format, row);
    if (format == Format.JSONL && rng.chance(0.01)) {
      landing.writeDuplicate(k, format, row);
    }
    return action;
  }

  private void blockFit(Gen g) {
    int b = rng.chance(GenerationPass.SOURCE_BLOCK_SHARE) ? g.sourceBlock : ref.blockPopularity.draw(rng);
    ReferenceData.Block block = ref.blocks[b];
    double overlap = overlap(block.tags(), g.scene, g.styles);
    String role = Zipfs.draw(rng, ROLES);
    boolean withGeneration = rng.chance(0.7);
    int ratersCount = rng.chance(0.7) ? 1 : rng.chance(0.67) ? 2 : 3;
    int first = raters.draw(rng);
    for (int r = 0; r < ratersCount; r++) {
      String user = "rater-" + (first + r * 7 + 1);
      long when = g.completed + 3600L * rng.between(1, 24 * 20);
      Format format = rng.chance(0.85) ? Format.JSONL : Format.CSV;
      Object[] row = fitRow(g, block, overlap, role, withGeneration, user, when, format);
      landing.write(Kind.BLOCK_FIT, format, row);
      if (rng.chance(0.04)) {
        // the same user re-rates the same pair later: a rating of its own (silver keeps both; the latest per user and
        // role is a view)
        Object[] again = fitRow(g, block, overlap, role, withGeneration, user, when + 86_400L * rng.between(1, 10), format);
        landing.write(Kind.BLOCK_FIT, format, again);
      }
    }
  }

  private Object[] fitRow(Gen g, ReferenceData.Block block, double overlap, String role, boolean withGeneration,
      String user, long when, Format format) {
    Kind k = Kind.BLOCK_FIT;
    Object[] row = k.row();
    row[k.index("rating_id")] = "fit-" + (++fits);
    row[k.index("block_id")] = block.id();
    row[k.index("asset_id")] = g.assetId;
    row[k.index("generation_id")] = withGeneration ? g.id : null;
    row[k.index("role_in_sequence")] = role;
    row[k.index("user_id")] = user;
    row[k.index("fit_rating")] = PlantedSignals.fitRating(overlap, rng.gaussian());
    if (rng.chance(0.6)) {
      double h = Math.max(0, Math.min(1, overlap + 0.1 * rng.gaussian()));
      row[k.index("heuristic_score")] = Math.round(h * 1000) / 1000.0;
    }
    row[k.index("notes")] = rng.chance(0.2) ? Zipfs.draw(rng, Vocabulary.FIT_NOTES) : null;
    row[k.index("created_at")] = Stamp.of(format, when, rng);
    return row;
  }

  /** The share of the block's tags found among the asset's tags (its scene and style words). */
  static double overlap(String[] blockTags, String[] scene, String[] styles) {
    int hits = 0;
    for (String t : blockTags) {
      if (contains(scene, t) || contains(styles, t)) {
        hits++;
      }
    }
    return blockTags.length == 0 ? 0 : (double) hits / blockTags.length;
  }

  private static boolean contains(String[] words, String w) {
    for (String x : words) {
      if (x.equals(w)) {
        return true;
      }
    }
    return false;
  }
}
