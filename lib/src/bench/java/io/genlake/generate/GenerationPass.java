package io.genlake.generate;

/**
 * One pass over the N generations, in time order: writes each generation, its session when the session
 * starts, its asset, and hands the generation to {@link RatingEmitter} for the image rating, preference
 * events and block-fit ratings it receives. Memory stays constant: nothing per generation is kept.
 */
final class GenerationPass {
  /** Share of block-fit ratings made on the block the generation's scene came from. */
  static final double SOURCE_BLOCK_SHARE = 0.55;
  /** Average generations per session: seed 002's 31k images in 12k sessions. */
  static final double GENERATIONS_PER_SESSION = 2.6;

  private final Landing landing;
  private final Rng rng;
  private final ReferenceData ref;
  private final long scale;
  private final long start;
  private final long window;
  private final long sessions;
  private final Zipf users;
  private final RatingEmitter ratings;
  private final Gen g = new Gen();
  private final Zipf checkpoints = new Zipf(Vocabulary.CHECKPOINTS.length, 1.0);
  private final Zipf keywords;
  private final String[] allWords;

  // the current session
  private long session = -1;
  private String sessionCheckpoint;
  private String sessionUser;
  // seed 002: a session is one run of a template over a grid of variations, with one model and its parameters
  private String sessionTemplate;
  private String sessionSampler;
  private double sessionCfg;
  private int sessionSteps;
  private String[] sessionExpressions;
  private String[] sessionPoses;

  GenerationPass(Landing landing, Rng rng, ReferenceData ref, long scale, long start, long window, long idBase,
      int preferenceRounds) {
    this.landing = landing;
    g.idBase = idBase;
    this.rng = rng;
    this.ref = ref;
    this.scale = scale;
    this.start = start;
    this.window = window;
    this.sessions = Math.max(1, Math.round(scale / GENERATIONS_PER_SESSION));
    this.users = new Zipf((int) Math.max(12, Math.min(50_000, scale / 150)), 1.0);
    this.ratings = new RatingEmitter(landing, rng, ref, scale, idBase, start, window, preferenceRounds);
    int n = 0;
    for (String[] words : Vocabulary.SCENE) {
      n += words.length;
    }
    allWords = new String[n];
    n = 0;
    for (String[] words : Vocabulary.SCENE) {
      for (String w : words) {
        allWords[n++] = w;
      }
    }
    keywords = new Zipf(allWords.length, 1.0);
  }

  /** Writes all generations; {@code progress} is told every 10% or so. */
  void run(java.util.function.LongConsumer progress) {
    long step = Math.max(1, scale / 10);
    for (long i = 0; i < scale; i++) {
      long s = i * sessions / scale;
      long t = start + i * window / scale + rng.below((int) Math.max(1, window / scale));
      if (s != session) {
        startSession(s, t);
      }
      generation(i, t);
      if ((i + 1) % step == 0) {
        progress.accept(i + 1);
      }
    }
  }

  private void startSession(long s, long t) {
    session = s;
    sessionCheckpoint = Vocabulary.CHECKPOINTS[checkpoints.draw(rng)];
    sessionUser = "user-" + (users.draw(rng) + 1);
    double u = rng.next();
    Format format = u < 0.2 ? Format.SQLITE : u < 0.35 ? Format.CSV : Format.JSONL;
    g.sessionId = Long.toString(g.idBase + s + 1);
    g.sessionFormat = format;
    Kind k = Kind.SESSIONS;
    Object[] row = k.row();
    String template = Zipfs.draw(rng, Vocabulary.TEMPLATES);
    String family = Vocabulary.CHECKPOINT_FAMILY[Vocabulary.checkpointIndex(sessionCheckpoint)];
    sessionTemplate = template;
    sessionSampler = Zipfs.draw(rng, Vocabulary.SAMPLERS);
    sessionCfg = family.equals("flux") ? Vocabulary.CFG[7 + rng.below(6)] : Zipfs.draw(rng, CFG_BOXED);
    sessionSteps = Vocabulary.STEPS[rng.below(Vocabulary.STEPS.length)];
    sessionExpressions = distinct(Vocabulary.GRID_EXPRESSION, 1 + rng.below(2));
    sessionPoses = distinct(Vocabulary.GRID_POSE, 1 + rng.below(2));
    row[k.index("session_id")] = g.sessionId;
    row[k.index("folder_name")] = "session_" + Timestamps.sqlite(t - 5).replace(' ', '_').replace(":", "") + "_" + (g.idBase + s + 1);
    row[k.index("created_at")] = Stamp.of(format, t - 5, rng);
    row[k.index("is_test")] = rng.chance(0.06);
    row[k.index("is_failed")] = rng.chance(0.03);
    row[k.index("is_archived")] = rng.chance(0.05);
    row[k.index("is_deleted")] = rng.chance(0.02);
    row[k.index("metadata")] = Json.object("model_name", Vocabulary.modelName(family),
        "model_hash", Long.toHexString(sessionCheckpoint.hashCode() & 0xffffffffL),
        "template_name", template,
        "generation_params", Json.object("checkpoint", sessionCheckpoint, "cfg_scale", sessionCfg,
            "steps", sessionSteps, "sampler", sessionSampler, "scheduler", "karras"),
        "variations_config", Json.object("Expression", sessionExpressions, "Pose", sessionPoses));
    if (rng.chance(0.2)) {
      row[k.index("display_name")] = "Session " + (g.idBase + s + 1) + " - " + template.replace(".yaml", "");
    }
    if (rng.chance(0.1)) {
      row[k.index("notes")] = "batch for " + Zipfs.draw(rng, Vocabulary.STYLE) + " tests";
    }
    landing.write(k, format, row);
    if (format != Format.SQLITE && rng.chance(0.03)) {
      // a later update: archived after review
      Object[] later = row.clone();
      later[k.index("is_archived")] = true;
      later[k.index("updated_at")] = Stamp.of(format, t + 86_400L * rng.between(1, 20), rng);
      landing.writeDuplicate(k, format, later);
    }
  }

  private void generation(long i, long t) {
    g.index = i;
    g.id = "gen-" + (g.idBase + i + 1);
    g.created = t;
    g.userId = rng.chance(0.8) ? sessionUser : "user-" + (users.draw(rng) + 1);
    double op = rng.next();
    String operation;
    if (op < 0.70) {
      operation = "text_to_image";
    } else if (op < 0.80) {
      operation = "image_to_image";
    } else if (op < 0.85) {
      operation = "inpaint";
    } else if (op < 0.89) {
      operation = "upscale";
    } else if (op < 0.95) {
      operation = "text_to_video";
    } else if (op < 0.99) {
      operation = "image_to_video";
    } else {
      operation = "video_extend";
    }
    boolean video = operation.contains("video");
    g.image = !video;
    if (video) {
      g.provider = "pixverse";
      g.checkpoint = null;
      g.family = "pixverse";
      g.modelName = "pixverse-v4.5";
    } else if (rng.chance(0.1)) {
      g.provider = "imagen";
      g.checkpoint = null;
      g.family = "imagen";
      g.modelName = "imagen-3.0";
    } else {
      g.provider = "comfyui";
      g.checkpoint = rng.chance(0.6) ? sessionCheckpoint : Vocabulary.CHECKPOINTS[checkpoints.draw(rng)];
      g.family = Vocabulary.CHECKPOINT_FAMILY[Vocabulary.checkpointIndex(g.checkpoint)];
      g.modelName = Vocabulary.modelName(g.family);
    }
    scene();
    loras();
    g.styles = Prompts.styles(rng);
    g.negative = Prompts.negative(rng);
    Object[] promptConfig = promptConfig();
    // parameters: a seed-002 (SQLite) session runs one checkpoint with its own parameters; others vary per generation
    double cfg = g.family.equals("flux") ? Vocabulary.CFG[7 + rng.below(6)] : Zipfs.draw(rng, CFG_BOXED);
    int steps = Vocabulary.STEPS[rng.below(Vocabulary.STEPS.length)];
    String sampler = Zipfs.draw(rng, Vocabulary.SAMPLERS);
    if (g.sessionFormat == Format.SQLITE && g.provider.equals("comfyui")) {
      g.checkpoint = sessionCheckpoint;
      g.family = Vocabulary.CHECKPOINT_FAMILY[Vocabulary.checkpointIndex(g.checkpoint)];
      g.modelName = Vocabulary.modelName(g.family);
      cfg = sessionCfg;
      steps = sessionSteps;
      sampler = sessionSampler;
    }
    g.sampler = sampler;
    g.cfg = cfg;
    g.steps = steps;
    int[] size = Vocabulary.SIZES[g.family.equals("sd15") ? 1 + rng.below(2) * 3 : rng.below(Vocabulary.SIZES.length)];
    g.width = size[0];
    g.height = size[1];
    g.seed = rng.nextLong() & 0xffffffffL;
    // variations (seed 002) on comfyui images
    String expression = null;
    String pose = null;
    String lighting = null;
    g.variations = null;
    if (g.provider.equals("comfyui")) {
      // a cell of the session's variation grid (seed 002: each image is one combination of the variations)
      expression = sessionExpressions[rng.below(sessionExpressions.length)];
      pose = sessionPoses[rng.below(sessionPoses.length)];
      lighting = rng.chance(0.6) ? Vocabulary.LIGHTING[rng.below(Vocabulary.LIGHTING.length)] : null;
      g.variations = Json.object("Expression", expression, "Pose", pose, "Lighting", lighting);
    }
    // outcome
    g.pattern = g.image ? PlantedSignals.failurePattern(expression, pose, lighting, g.checkpoint, sampler, cfg) : null;
    g.failure = rng.chance(g.pattern != null ? g.pattern.failureRate() : PlantedSignals.BASE_FAILURE);
    // the planted regression: a broken ComfyUI worker update fails many generations in the window's last days
    boolean regression = g.provider.equals("comfyui") && t >= start + window - PlantedSignals.REGRESSION_SECONDS
        && !g.failure && rng.chance(PlantedSignals.REGRESSION_FAILURE);
    boolean recent = t > start + window - 600;
    if (regression) {
      g.failure = true;
      g.status = "failed";
    } else if (g.failure && rng.chance(PlantedSignals.FAILED_GENERATION_SHARE)) {
      g.status = "failed";
    } else if (rng.chance(0.01)) {
      g.status = "cancelled";
    } else if (recent) {
      g.status = rng.chance(0.5) ? "pending" : "processing";
    } else {
      g.status = "completed";
    }
    boolean completed = g.status.equals("completed");
    int latency = video ? 30_000 + rng.below(90_000) : 2_000 + rng.below(20_000);
    g.completed = completed || g.status.equals("failed") ? t + latency / 1000 : 0;
    g.assetId = completed ? "ast-" + (g.idBase + i + 1) : null;
    g.captions = completed ? Prompts.captions(rng, g.scene, g.styles) : null;
    g.selection = null;
    if (completed) {
      ratings.emit(g);
    }
    writeGeneration(operation, promptConfig, cfg, steps, sampler, latency);
    if (completed) {
      writeAsset(video);
    }
  }

  private void writeGeneration(String operation, Object[] promptConfig, double cfg, int steps, String sampler,
      int latency) {
    Kind k = Kind.GENERATIONS;
    Format format = rng.chance(0.85) ? Format.JSONL : Format.CSV;
    Object[] row = k.row();
    row[k.index("generation_id")] = g.id;
    row[k.index("created_at")] = Stamp.of(format, g.created, rng);
    row[k.index("completed_at")] = g.completed > 0 ? Stamp.of(format, g.completed, rng) : null;
    row[k.index("status")] = g.status;
    row[k.index("operation_type")] = operation;
    row[k.index("provider")] = g.provider;
    row[k.index("model_family")] = g.family;
    row[k.index("model_name")] = g.modelName;
    row[k.index("checkpoint")] = g.checkpoint;
    row[k.index("loras")] = g.loras;
    row[k.index("final_prompt")] = g.prompt;
    row[k.index("negative_prompt")] = g.negative;
    row[k.index("prompt_version_id")] = promptConfig[0];
    row[k.index("prompt_config")] = promptConfig[1];
    row[k.index("parameters")] = Json.object(rng.chance(0.1) ? "guidance_scale" : "cfg_scale", cfg, "steps", steps,
        "sampler", sampler, "scheduler", Zipfs.draw(rng, Vocabulary.SCHEDULERS), "seed", g.seed,
        "width", g.width, "height", g.height, "denoise", operation.equals("image_to_image") ? 0.6 : null);
    row[k.index("variations")] = g.variations;
    row[k.index("session_id")] = g.sessionId;
    row[k.index("template")] = g.provider.equals("comfyui")
        ? (g.sessionFormat == Format.SQLITE ? sessionTemplate : Zipfs.draw(rng, Vocabulary.TEMPLATES)) : null;
    row[k.index("user_id")] = g.userId;
    double cost = g.provider.equals("pixverse") ? 0.2 + rng.below(30) / 100.0
        : g.provider.equals("imagen") ? 0.04 : 0.002 + rng.below(80) / 10_000.0;
    row[k.index("cost_usd")] = Math.round(cost * 10_000) / 10_000.0;
    row[k.index("latency_ms")] = g.completed > 0 ? latency : null;
    row[k.index("error_message")] = g.status.equals("failed") ? Zipfs.draw(rng, Vocabulary.ERRORS) : null;
    row[k.index("asset_ids")] = g.assetId != null ? new String[] {g.assetId} : null;
    row[k.index("selection")] = g.selection;
    if (rng.chance(0.08)) {
      row[k.index("social_context")] = Json.object("intimacyLevelId", "level_" + rng.between(1, 5),
          "relationshipTierId", Zipfs.draw(rng, new String[] {"friend", "close_friend", "partner", "stranger"}),
          "intimacyBand", Zipfs.draw(rng, new String[] {"light", "deep", "none"}),
          "contentRating", "sfw", "worldMaxRating", "romantic", "userMaxRating", "mature");
    }
    row[k.index("is_deleted")] = rng.chance(0.01);
    if (g.status.equals("completed") && rng.chance(0.03)) {
      // the processing state seen first, then the final state: same key, older updated_at
      Object[] earlier = row.clone();
      earlier[k.index("status")] = "processing";
      earlier[k.index("completed_at")] = null;
      earlier[k.index("asset_ids")] = null;
      earlier[k.index("latency_ms")] = null;
      earlier[k.index("selection")] = null;
      earlier[k.index("updated_at")] = Stamp.of(format, g.created + 1, rng);
      landing.write(k, format, earlier);
      row[k.index("updated_at")] = Stamp.of(format, g.completed, rng);
      landing.writeDuplicate(k, format, row);
    } else {
      landing.write(k, format, row);
    }
  }

  private void writeAsset(boolean video) {
    Kind k = Kind.ASSETS;
    Format format = rng.chance(0.85) ? Format.JSONL : Format.CSV;
    Object[] row = k.row();
    row[k.index("asset_id")] = g.assetId;
    row[k.index("media_type")] = video ? "video" : "image";
    row[k.index("source_generation_id")] = g.id;
    row[k.index("captions")] = g.captions.length == 1 && rng.chance(0.3) ? g.captions[0] : g.captions;
    String file = g.assetId + (video ? ".mp4" : ".png");
    row[k.index("path")] = "outputs/" + g.sessionId + "/" + file;
    row[k.index("url")] = rng.chance(0.5) ? "https://cdn.example.com/assets/" + file : null;
    row[k.index("width")] = g.width;
    row[k.index("height")] = g.height;
    row[k.index("duration_sec")] = video ? 4.0 + rng.below(5) : null;
    row[k.index("created_at")] = Stamp.of(format, g.completed, rng);
    row[k.index("is_deleted")] = rng.chance(0.01);
    landing.write(k, format, row);
  }

  /** The scene: most of a popular block's tags plus a Zipf-popular extra keyword or two. */
  private void scene() {
    g.sourceBlock = ref.blockPopularity.draw(rng);
    String[] tags = ref.blocks[g.sourceBlock].tags();
    int extra = rng.between(0, 2);
    String[] scene = new String[tags.length + extra];
    int n = 0;
    for (String tag : tags) {
      if (rng.chance(0.75)) {
        scene[n++] = tag;
      }
    }
    for (int e = 0; e < extra; e++) {
      String w = allWords[keywords.draw(rng)];
      if (!contains(scene, n, w)) {
        scene[n++] = w;
      }
    }
    g.scene = java.util.Arrays.copyOf(scene, n);
  }

  private void loras() {
    int n = g.provider.equals("comfyui") ? Math.max(0, rng.between(-1, 2)) : 0;
    g.loraNames = new String[n];
    g.loraStrengths = new String[n];
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      g.loraNames[i] = Zipfs.draw(rng, Vocabulary.LORAS);
      if (i > 0 && g.loraNames[i].equals(g.loraNames[0])) {
        g.loraNames[i] = Vocabulary.LORAS[(Vocabulary.checkpointIndex(g.checkpoint) + 1) % Vocabulary.LORAS.length];
        if (g.loraNames[i].equals(g.loraNames[0])) {
          g.loraNames[i] = Vocabulary.LORAS[Vocabulary.LORAS.length - 1];
        }
      }
      g.loraStrengths[i] = PlantedSignals.loraStrength(rng, java.util.Arrays.asList(Vocabulary.LORAS).indexOf(g.loraNames[i]));
      double bad = rng.next();
      if (bad < PlantedSignals.LORA_NO_STRENGTH) {
        g.loraStrengths[i] = null; // exported without a strength (and without a prompt tag)
      } else if (bad < PlantedSignals.LORA_NO_STRENGTH + PlantedSignals.LORA_BAD_STRENGTH) {
        g.loraStrengths[i] = rng.chance(0.5) ? "-0.50" : "2.50";
      }
      if (i > 0) {
        sb.append(',');
      }
      sb.append((g.loraStrengths[i] == null ? Json.object("name", g.loraNames[i])
          : Json.object("name", g.loraNames[i], rng.chance(0.1) ? "strength_model" : "strength",
              Double.valueOf(g.loraStrengths[i]))).json());
    }
    g.loras = n == 0 ? null : new Json.Raw(sb.append(']').toString());
  }

  /** Seed 001's prompt_config on a quarter of generations; returns {prompt_version_id, prompt_config}. */
  private Object[] promptConfig() {
    String own = Prompts.positive(rng, g.styles, g.scene, g.loraNames, g.loraStrengths);
    g.prompt = own;
    if (!rng.chance(0.25)) {
      return new Object[2];
    }
    ReferenceData.Family family = ref.families[Zipfs.forSize(ref.families.length).draw(rng)];
    String[] vars = {"subject", Prompts.subject(g.scene), "setting", Zipfs.draw(rng, Vocabulary.SETTING),
        "mood", Zipfs.draw(rng, Vocabulary.MOOD), "camera", Zipfs.draw(rng, Vocabulary.CAMERA)};
    if (rng.chance(0.05)) {
      vars = java.util.Arrays.copyOf(vars, 6); // a variable missing: the placeholder stays unresolved
    }
    Json.Raw variables = Json.object((Object[]) vars);
    double u = rng.next();
    if (u < 0.5) {
      ReferenceData.Version v = family.versions().get(rng.below(family.versions().size()));
      fromTemplate(v.text(), vars);
      return new Object[] {v.id(), Json.object("versionId", v.id(), "variables", variables)};
    }
    if (u < 0.9) {
      fromTemplate(family.latest().text(), vars);
      return new Object[] {null, Json.object("familyId", family.id(), "autoSelectLatest", true, "variables", variables)};
    }
    return new Object[] {null, Json.object("inlinePrompt", own)};
  }

  /** The prompt from a version's template: its scene becomes the substituted variables, its styles the template's. */
  private void fromTemplate(String text, String[] vars) {
    g.prompt = Prompts.substitute(text, vars);
    String[] scene = new String[vars.length / 2];
    int n = 0;
    for (int i = 1; i < vars.length; i += 2) {
      if (!contains(scene, n, vars[i])) {
        scene[n++] = vars[i];
      }
    }
    g.scene = java.util.Arrays.copyOf(scene, n);
    String[] styles = new String[Vocabulary.STYLE.length];
    int m = 0;
    for (String style : Vocabulary.STYLE) {
      if (text.contains(style)) {
        styles[m++] = style;
      }
    }
    g.styles = java.util.Arrays.copyOf(styles, m);
  }

  /** {@code count} distinct values of {@code values}, drawn by Zipf popularity (first most popular). */
  private String[] distinct(String[] values, int count) {
    String[] out = new String[count];
    int n = 0;
    while (n < count) {
      String v = Zipfs.draw(rng, values);
      if (!contains(out, n, v)) {
        out[n++] = v;
      }
    }
    return out;
  }

  private static boolean contains(String[] words, int n, String w) {
    for (int i = 0; i < n; i++) {
      if (words[i].equals(w)) {
        return true;
      }
    }
    return false;
  }


  private static final Double[] CFG_BOXED = java.util.Arrays.stream(Vocabulary.CFG).boxed().toArray(Double[]::new);
}
