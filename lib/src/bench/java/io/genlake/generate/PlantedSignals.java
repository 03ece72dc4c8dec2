package io.genlake.generate;

import java.util.List;

/**
 * The true effects the generator plants so that the analytics have something real to find. Each is a
 * probability or formula used while drawing rows, and each is described in {@code _planted.json}.
 *
 * <ul>
 *   <li><b>preference</b>: prompts with "anime" get {@link #CHECKPOINT_A} rejected most of the time, while A
 *       is selected for "photorealistic" prompts; {@link #ANIME_CHECKPOINT} is the good one for anime. Around that
 *       base, log-odds shifts: a LoRA used near its best strength ({@link #LORA_BEST_STRENGTH}) helps, far from it
 *       hurts; anime prompts do better with few steps, photorealistic ones with many; a style's sampler helps.
 *   <li><b>failure</b>: a few variation and model/sampler/cfg-bucket combinations fail often, everything
 *       else at {@link #BASE_FAILURE}; a failure is a failed generation or an image rated ko.
 *   <li><b>fit</b>: block-fit ratings grow with the share of the block's tags found in the asset's prompt.
 *   <li><b>feedback</b>: attempts made after feedback score higher, so they pass more often.
 * </ul>
 */
final class PlantedSignals {
  private PlantedSignals() {}

  static final String CHECKPOINT_A = "epicrealismXL_pureFix.safetensors";
  static final String ANIME_CHECKPOINT = "animagineXL_v31.safetensors";
  static final double SELECT_A_ANIME = 0.15;
  static final double SELECT_A_PHOTOREALISTIC = 0.85;
  static final double SELECT_ANIME_CHECKPOINT_ANIME = 0.85;
  static final double SELECT_ANIME_CHECKPOINT_PHOTOREALISTIC = 0.25;
  static final double SELECT_OTHER = 0.5;

  /** The probability that a candidate from {@code checkpoint} is selected for a prompt with that style. */
  static double selectProbability(String checkpoint, boolean anime, boolean photorealistic) {
    if (checkpoint.equals(CHECKPOINT_A)) {
      return anime ? SELECT_A_ANIME : photorealistic ? SELECT_A_PHOTOREALISTIC : SELECT_OTHER;
    }
    if (checkpoint.equals(ANIME_CHECKPOINT)) {
      return anime ? SELECT_ANIME_CHECKPOINT_ANIME
          : photorealistic ? SELECT_ANIME_CHECKPOINT_PHOTOREALISTIC : SELECT_OTHER;
    }
    return SELECT_OTHER;
  }

  /** LoRAs and the strength each works best at (Vocabulary.LORAS order). */
  static final double[] LORA_BEST_STRENGTH = {0.6, 0.8, 0.5, 0.4, 0.9, 1.0, 0.7, 0.6};
  /** A strength within this distance of the LoRA's best counts as "near" it. */
  static final double LORA_NEAR = 0.15;
  /** Log-odds shift of a LoRA used near its best strength (the opposite when far from it). */
  static final double LORA_EFFECT = 0.6;
  /** Share of LoRA uses drawn near the LoRA's best strength; the rest are spread over 0.3 to 1.2 (experiments). */
  static final double LORA_HABIT = 0.7;
  /** Share of LoRA uses exported without a strength, and with one outside 0 to 2 (bad input for preference). */
  static final double LORA_NO_STRENGTH = 0.02;
  static final double LORA_BAD_STRENGTH = 0.01;
  /** Steps that suit a style: anime at most {@link #ANIME_MAX_STEPS}, photorealistic at least {@link #PHOTO_MIN_STEPS}. */
  static final int ANIME_MAX_STEPS = 25;
  static final int PHOTO_MIN_STEPS = 30;
  /** Log-odds shift of suitable steps (the opposite for the others) for anime and photorealistic prompts. */
  static final double STEPS_EFFECT = 0.5;
  /** A sampler that suits a style, and its log-odds shift. */
  static final String ANIME_SAMPLER = "Euler a";
  static final String PHOTO_SAMPLER = "DPM++ 2M Karras";
  static final double SAMPLER_EFFECT = 0.4;

  /** A LoRA use's strength: near the LoRA's best most of the time (0.05 steps); the text written to the export. */
  static String loraStrength(Rng rng, int lora) {
    double s = rng.chance(LORA_HABIT)
        ? LORA_BEST_STRENGTH[lora] + 0.05 * rng.between(-3, 3)
        : 0.3 + 0.05 * rng.below(19);
    return String.format(java.util.Locale.ROOT, "%.2f", s);
  }

  /**
   * The probability that a candidate is selected: the checkpoint and style base ({@link #selectProbability}) shifted
   * in log-odds by each LoRA's strength (null strengths and strengths outside 0 to 2 shift nothing), the steps and
   * the sampler.
   */
  static double selectProbability(String checkpoint, boolean anime, boolean photorealistic, String[] loras,
      String[] strengths, int steps, String sampler) {
    double p = selectProbability(checkpoint, anime, photorealistic);
    double logit = Math.log(p / (1 - p));
    for (int i = 0; i < loras.length; i++) {
      if (strengths[i] == null) {
        continue;
      }
      double s = Double.parseDouble(strengths[i]);
      int l = java.util.Arrays.asList(Vocabulary.LORAS).indexOf(loras[i]);
      if (l >= 0 && s >= 0 && s <= 2) {
        logit += Math.abs(s - LORA_BEST_STRENGTH[l]) <= LORA_NEAR + 1e-9 ? LORA_EFFECT : -LORA_EFFECT;
      }
    }
    if (anime) {
      logit += (steps <= ANIME_MAX_STEPS ? STEPS_EFFECT : -STEPS_EFFECT) + (ANIME_SAMPLER.equals(sampler) ? SAMPLER_EFFECT : 0);
    } else if (photorealistic) {
      logit += (steps >= PHOTO_MIN_STEPS ? STEPS_EFFECT : -STEPS_EFFECT) + (PHOTO_SAMPLER.equals(sampler) ? SAMPLER_EFFECT : 0);
    }
    return 1 / (1 + Math.exp(-logit));
  }

  static final double BASE_FAILURE = 0.04;
  /** Share of failures that fail the generation itself; the rest complete and are rated ko. */
  static final double FAILED_GENERATION_SHARE = 0.35;
  /** Share of a pattern's ko ratings that carry the pattern's own failure_category. */
  static final double PATTERN_CATEGORY_SHARE = 0.8;

  /** The regression: ComfyUI generations of the window's last days also fail with this probability. */
  static final double REGRESSION_FAILURE = 0.8;
  static final long REGRESSION_SECONDS = 7 * 86_400L;

  /** Share of rated images that carry ml_predictions, and how often the prediction equals the human label. */
  static final double PREDICTION_SHARE = 0.4;
  static final double PREDICTION_ACCURACY_V1 = 0.6;
  static final double PREDICTION_ACCURACY_V2 = 0.85;

  /** Realism points for attempts with guidance_scale in [0.3, 0.4) and with contamination_uniformity 5. */
  static final int GUIDANCE_SWEET_SPOT_BONUS = 5;
  static final int UNIFORMITY_FIVE_PENALTY = -6;

  /** A failure pattern: its description, failure probability and dominant failure_category. */
  record FailurePattern(String name, String description, double failureRate, String category) {}

  static final FailurePattern ANGRY_PROFILE = new FailurePattern("angry_profile",
      "variations Expression=angry + Pose=profile", 0.90, "malformed");
  static final FailurePattern LYING_BACKLIT = new FailurePattern("lying_backlit",
      "variations Pose=lying down + Lighting=backlit", 0.70, "incomplete");
  static final FailurePattern DREAMSHAPER_SDE_HIGH_CFG = new FailurePattern("dreamshaper_sde_high_cfg",
      "checkpoint dreamshaper_8.safetensors + sampler DPM++ 2M SDE + cfg_scale >= 10 (cfg bucket high)", 0.75,
      "noise");
  static final FailurePattern JUGGERNAUT_LMS_LOW_CFG = new FailurePattern("juggernaut_lms_low_cfg",
      "checkpoint juggernautXL_v9.safetensors + sampler LMS + cfg_scale < 4 (cfg bucket low)", 0.70,
      "off_prompt");
  static final List<FailurePattern> FAILURE_PATTERNS =
      List.of(ANGRY_PROFILE, LYING_BACKLIT, DREAMSHAPER_SDE_HIGH_CFG, JUGGERNAUT_LMS_LOW_CFG);

  /** The pattern a generation matches (the first one), or null for the base rate. */
  static FailurePattern failurePattern(String expression, String pose, String lighting, String checkpoint,
      String sampler, double cfg) {
    if ("angry".equals(expression) && "profile".equals(pose)) {
      return ANGRY_PROFILE;
    }
    if ("lying down".equals(pose) && "backlit".equals(lighting)) {
      return LYING_BACKLIT;
    }
    if ("dreamshaper_8.safetensors".equals(checkpoint) && "DPM++ 2M SDE".equals(sampler) && cfg >= 10) {
      return DREAMSHAPER_SDE_HIGH_CFG;
    }
    if ("juggernautXL_v9.safetensors".equals(checkpoint) && "LMS".equals(sampler) && cfg < 4) {
      return JUGGERNAUT_LMS_LOW_CFG;
    }
    return null;
  }

  static final double FIT_NOISE_SD = 0.6;

  /**
   * A user's 1-5 fit rating for a block whose tags overlap the asset's tags by {@code overlap} (the share of
   * the block's tags present in the asset's prompt and captions): {@code round(1 + 4 * overlap + noise)}.
   */
  static int fitRating(double overlap, double gaussian) {
    long r = Math.round(1 + 4 * overlap + FIT_NOISE_SD * gaussian);
    return (int) Math.max(1, Math.min(5, r));
  }

  static final int PASS_THRESHOLD = 75;
  static final double SCORE_MEAN_FIRST = 69;
  static final double SCORE_MEAN_AFTER_FEEDBACK = 80;
  static final double SCORE_SD = 9;

  /** A realism score 0-100: higher on average after feedback; passed is score >= 75 (seed 004). */
  static int realismScore(boolean afterFeedback, double gaussian) {
    double mean = afterFeedback ? SCORE_MEAN_AFTER_FEEDBACK : SCORE_MEAN_FIRST;
    return (int) Math.max(0, Math.min(100, Math.round(mean + SCORE_SD * gaussian)));
  }

  private static String bestStrengths() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < Vocabulary.LORAS.length; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(Vocabulary.LORAS[i]).append("\":").append(LORA_BEST_STRENGTH[i]);
    }
    return sb.append('}').toString();
  }

  /** The description written to {@code _planted.json}. */
  static Json.Raw describe() {
    StringBuilder patterns = new StringBuilder("[");
    for (FailurePattern p : FAILURE_PATTERNS) {
      if (patterns.length() > 1) {
        patterns.append(',');
      }
      patterns.append(Json.object("name", p.name(), "pattern", p.description(), "failure_rate", p.failureRate(),
          "failure_category", p.category()).json());
    }
    patterns.append(']');
    return Json.object(
        "preference", Json.object(
            "what", "preference events (and generations.selection): probability that a candidate is selected",
            "checkpoint_a", CHECKPOINT_A,
            "anime_checkpoint", ANIME_CHECKPOINT,
            "p_select_a_anime", SELECT_A_ANIME,
            "p_select_a_photorealistic", SELECT_A_PHOTOREALISTIC,
            "p_select_anime_checkpoint_anime", SELECT_ANIME_CHECKPOINT_ANIME,
            "p_select_anime_checkpoint_photorealistic", SELECT_ANIME_CHECKPOINT_PHOTOREALISTIC,
            "p_select_other", SELECT_OTHER,
            "lora_best_strength", new Json.Raw(bestStrengths()),
            "lora_effect", "log-odds +" + LORA_EFFECT + " when a LoRA's strength is within " + LORA_NEAR
                + " of its best, -" + LORA_EFFECT + " otherwise; " + LORA_HABIT + " of uses are drawn near the best",
            "steps_effect", "log-odds +" + STEPS_EFFECT + " for anime prompts at steps <= " + ANIME_MAX_STEPS
                + " and photorealistic prompts at steps >= " + PHOTO_MIN_STEPS + ", -" + STEPS_EFFECT + " otherwise",
            "sampler_effect", "log-odds +" + SAMPLER_EFFECT + " for anime prompts with " + ANIME_SAMPLER
                + " and photorealistic prompts with " + PHOTO_SAMPLER,
            "lora_without_strength_share", LORA_NO_STRENGTH,
            "lora_strength_out_of_range_share", LORA_BAD_STRENGTH),
        "failure", Json.object(
            "what", "a failure is generations.status=failed (share " + FAILED_GENERATION_SHARE
                + ") or a completed generation whose image rating is status=ko with the pattern's failure_category"
                + " (share " + PATTERN_CATEGORY_SHARE + " of its ko ratings)",
            "base_failure_rate", BASE_FAILURE,
            "cfg_buckets", "low: cfg_scale < 4, medium: 4 <= cfg_scale < 10, high: cfg_scale >= 10",
            "patterns", new Json.Raw(patterns.toString()),
            "regression", Json.object("what", "ComfyUI generations created in the window's last "
                + REGRESSION_SECONDS / 86_400 + " days that would have passed fail (status failed) with this "
                + "probability: a broken worker update; the failure_rate_increase alert should name provider=comfyui",
                "failure_rate", REGRESSION_FAILURE)),
        "ml_predictions", Json.object(
            "what", "share of rated images with ml_predictions (model_version v1.0 in the window's first 60%, v1.1 "
                + "after); the predicted category equals the human label (ok or the failure category) with the "
                + "version's accuracy, else another label",
            "share", PREDICTION_SHARE, "accuracy_v1_0", PREDICTION_ACCURACY_V1, "accuracy_v1_1", PREDICTION_ACCURACY_V2),
        "fit", Json.object(
            "what", "block_fit_ratings.fit_rating = clamp(round(1 + 4 * overlap + N(0, " + FIT_NOISE_SD
                + ")), 1, 5), overlap = share of the block's tags present in the rated asset's prompt and captions",
            "rated_block_is_source_block_share", GenerationPass.SOURCE_BLOCK_SHARE),
        "feedback", Json.object(
            "what", "feedback_attempts.realism_score ~ N(mean, " + SCORE_SD + "), passed = realism_score >= "
                + PASS_THRESHOLD + "; retries follow a failed attempt with feedback_applied = true",
            "mean_score_first_attempt", SCORE_MEAN_FIRST,
            "mean_score_after_feedback", SCORE_MEAN_AFTER_FEEDBACK,
            "parameters", "realism_score +" + GUIDANCE_SWEET_SPOT_BONUS + " for guidance_scale in [0.3, 0.4), "
                + UNIFORMITY_FIVE_PENALTY + " for contamination_uniformity 5",
            "texts", "each feedback category has " + Vocabulary.FEEDBACK_TEXTS[0].length + " texts, the first "
                + FeedbackPass.FIRST_TEXT_BONUS + " points better; " + (int) (FeedbackPass.VARIANT_SHARE * 100)
                + "% of uses are written with small differences (case, punctuation) that suggestions merge"));
  }
}
