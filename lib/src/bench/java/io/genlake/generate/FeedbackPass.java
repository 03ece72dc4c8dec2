package io.genlake.generate;

/**
 * Seed 004's material-image attempts (about N/2 rows) in retry chains: a first attempt without feedback;
 * after a failed one (realism_score below 75) usually a retry of the same material with feedback applied,
 * which scores higher on average (the planted feedback effect), up to three retries. All attempts of a chain
 * carry the chain's final_success and go to the same format.
 */
final class FeedbackPass {
  static final int MAX_RETRIES = 3;
  static final double RETRY_CHANCE = 0.85;
  /** Extra realism points by feedback category: some kinds of feedback help more than others. */
  static final int[] CATEGORY_BONUS = {3, 4, 0, 1, -4, 2};
  private static final String[] OUTCOME_FAILURES = {"physics", "quality", "contamination", "material"};
  /** Extra realism points of the first (most effective) text of each feedback category. */
  static final int FIRST_TEXT_BONUS = 4;
  /** Share of feedback uses written as a variant of the text (case or punctuation changed). */
  static final double VARIANT_SHARE = 0.3;

  private final Landing landing;
  private final Rng rng;
  private final long target;
  private final long start;
  private final long window;
  private final Zipf materials = new Zipf(Vocabulary.MATERIALS.length, 1.0);

  FeedbackPass(Landing landing, Rng rng, long scale, long start, long window) {
    this.landing = landing;
    this.rng = rng;
    this.target = Math.max(10, scale / 2);
    this.start = start;
    this.window = window;
  }

  void run() {
    long written = 0;
    Object[][] chain = new Object[MAX_RETRIES + 1][];
    while (written < target) {
      long t = start + (long) (window * ((double) written / target)) + rng.below(600);
      int m = materials.draw(rng);
      double u = rng.next();
      Format format = u < 0.25 ? Format.SQLITE : u < 0.4 ? Format.CSV : Format.JSONL;
      int n = 0;
      boolean passed = false;
      while (n <= MAX_RETRIES && !passed && (n == 0 || rng.chance(RETRY_CHANCE))) {
        chain[n] = attempt(m, n, t, format);
        passed = (Boolean) chain[n][Kind.FEEDBACK.index("passed")];
        t += 120 + rng.below(1800);
        n++;
      }
      for (int i = 0; i < n; i++) {
        chain[i][Kind.FEEDBACK.index("final_success")] = passed;
        landing.write(Kind.FEEDBACK, format, chain[i]);
        if (format == Format.JSONL && rng.chance(0.01)) {
          landing.writeDuplicate(Kind.FEEDBACK, format, chain[i]);
        }
      }
      written += n;
    }
  }

  /** The text as someone else types it: lower case, without its final full stop, or with doubled spaces. */
  private String variant(String text) {
    return switch (rng.below(3)) {
      case 0 -> text.toLowerCase(java.util.Locale.ROOT);
      case 1 -> text.endsWith(".") ? text.substring(0, text.length() - 1) : text + ".";
      default -> text.replace(", ", " , ").replace(" ", "  ");
    };
  }

  private Object[] attempt(int material, int retry, long t, Format format) {
    Kind k = Kind.FEEDBACK;
    Object[] row = k.row();
    String id = rng.uuid();
    boolean feedback = retry > 0;
    int category = rng.below(Vocabulary.FEEDBACK_CATEGORIES.length);
    int text = Zipfs.draw(rng, new Integer[] {0, 1, 2});
    double guidance = (20 + rng.below(31)) / 100.0;
    int uniformity = rng.between(1, 5);
    int score = PlantedSignals.realismScore(feedback, rng.gaussian()) + (feedback ? CATEGORY_BONUS[category] : 0)
        + (feedback && text == 0 ? FIRST_TEXT_BONUS : 0)
        + (guidance >= 0.3 && guidance < 0.4 ? PlantedSignals.GUIDANCE_SWEET_SPOT_BONUS : 0)
        + (uniformity == 5 ? PlantedSignals.UNIFORMITY_FIVE_PENALTY : 0);
    score = Math.max(0, Math.min(100, score));
    boolean passed = score >= PlantedSignals.PASS_THRESHOLD;
    int genLength = 2500 + rng.below(1700);
    int valLength = genLength + 300 + rng.below(600);
    StringBuilder ts = new StringBuilder(24);
    Timestamps.isoMillis(ts, t * 1000 + rng.below(1000));
    row[k.index("id")] = id;
    row[k.index("timestamp")] = ts.toString();
    row[k.index("material")] = Vocabulary.MATERIALS[material];
    row[k.index("category")] = Vocabulary.MATERIAL_CATEGORY[material];
    row[k.index("model_name")] = Zipfs.draw(rng, Vocabulary.FEEDBACK_MODELS);
    row[k.index("gen_prompt_length")] = genLength;
    row[k.index("guidance_scale")] = guidance;
    row[k.index("contamination_uniformity")] = uniformity;
    row[k.index("view_mode")] = Zipfs.draw(rng, Vocabulary.VIEW_MODES);
    row[k.index("patterns_used")] = rng.chance(0.5)
        ? new String[] {Zipfs.draw(rng, Vocabulary.PATTERNS)}
        : new String[] {Vocabulary.PATTERNS[0], Vocabulary.PATTERNS[1 + rng.below(Vocabulary.PATTERNS.length - 1)]};
    row[k.index("feedback_applied")] = feedback;
    if (feedback) {
      String written = Vocabulary.FEEDBACK_TEXTS[category][text];
      row[k.index("feedback_text")] = rng.chance(VARIANT_SHARE) ? variant(written) : written;
      row[k.index("feedback_category")] = Vocabulary.FEEDBACK_CATEGORIES[category];
      row[k.index("feedback_source")] = Zipfs.draw(rng, Vocabulary.FEEDBACK_SOURCES);
    }
    row[k.index("val_prompt_length")] = valLength;
    row[k.index("val_truncated")] = valLength > 4000;
    row[k.index("realism_score")] = score;
    row[k.index("passed")] = passed;
    row[k.index("physics_issues")] = passed ? new String[0] : new String[] {Zipfs.draw(rng, Vocabulary.PHYSICS_ISSUES)};
    row[k.index("red_flags")] = passed || rng.chance(0.5) ? new String[0] : new String[] {Zipfs.draw(rng, Vocabulary.RED_FLAGS)};
    row[k.index("failure_category")] = passed ? null : Zipfs.draw(rng, OUTCOME_FAILURES);
    row[k.index("retry_count")] = retry;
    row[k.index("image_path")] = "outputs/materials/" + Vocabulary.MATERIALS[material].toLowerCase(java.util.Locale.ROOT)
        .replace(' ', '_') + "_" + id.substring(0, 8) + ".png";
    row[k.index("image_size_kb")] = (8000 + rng.below(16_000)) / 10.0;
    row[k.index("notes")] = rng.chance(0.05) ? "reviewed by hand" : null;
    return row;
  }
}
