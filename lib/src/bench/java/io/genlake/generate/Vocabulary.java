package io.genlake.generate;

/**
 * The words and names the generator draws from. Scene words are the shared ontology vocabulary (the fit
 * step's ontology covers every one of them), used alike in prompts, captions and action-block tags.
 * Arrays are in popularity order where a Zipf draw is made over them.
 */
final class Vocabulary {
  private Vocabulary() {}

  static final String[] CAMERA = {"close-up", "front view", "side view", "wide shot", "from behind",
      "over the shoulder", "low angle", "high angle", "profile"};
  static final String[] RELATION = {"side by side", "facing each other", "holding hands", "embracing",
      "behind", "in front of", "leaning on"};
  static final String[] ACTOR = {"woman", "man", "girl", "couple", "boy", "cat", "dog"};
  static final String[] POSE = {"standing", "sitting", "walking", "lying down", "running", "kneeling", "dancing"};
  static final String[] BEAT = {"first meeting", "reunion", "farewell", "confession", "argument"};
  static final String[] MOOD = {"happy", "romantic", "calm", "tender", "sad", "playful", "tense", "angry"};
  static final String[] INTENSITY = {"gentle", "subtle", "intense"};
  static final String[] SPEED = {"slow", "slow motion", "fast"};
  static final String[] SETTING = {"city street", "beach", "park", "bedroom", "forest", "cafe", "rooftop"};

  /** Scene categories in a fixed order: block tags take at most one word per category. */
  static final String[][] SCENE = {CAMERA, RELATION, ACTOR, POSE, BEAT, MOOD, INTENSITY, SPEED, SETTING};
  static final String[] SCENE_CATEGORIES = {"camera", "relation", "actor", "pose", "beat", "mood", "intensity",
      "speed", "setting"};

  /** Style words, most popular first. anime and photorealistic exclude each other in a prompt. */
  static final String[] STYLE = {"photorealistic", "portrait", "anime", "cinematic", "landscape",
      "watercolor", "oil painting"};

  /** Quality boosters written with SD emphasis syntax. */
  static final String[] BOOSTERS = {"(masterpiece:1.2)", "(best quality:1.1)", "((detailed))",
      "(sharp focus:1.3)", "[blurry background]", "(soft light:1.1)", "highly detailed", "8k",
      "film grain", "golden hour"};

  static final String[] NEGATIVE = {"lowres", "bad anatomy", "bad hands", "extra fingers", "blurry",
      "watermark", "text", "jpeg artifacts", "deformed", "(worst quality:1.4)", "cropped", "mutated"};

  /** Checkpoints in popularity order, with their model family and model name. */
  static final String[] CHECKPOINTS = {"epicrealismXL_pureFix.safetensors", "juggernautXL_v9.safetensors",
      "dreamshaper_8.safetensors", "animagineXL_v31.safetensors", "realisticVisionV51.safetensors",
      "ponyDiffusionV6XL.safetensors", "sd_xl_base_1.0.safetensors", "flux1-dev-fp8.safetensors",
      "counterfeitV30.safetensors", "revAnimated_v122.safetensors", "v1-5-pruned-emaonly.safetensors",
      "flux1-schnell.safetensors"};
  static final String[] CHECKPOINT_FAMILY = {"sdxl", "sdxl", "sd15", "sdxl", "sd15", "sdxl", "sdxl", "flux",
      "sd15", "sd15", "sd15", "flux"};

  /** The index of a checkpoint in {@link #CHECKPOINTS}. */
  static int checkpointIndex(String checkpoint) {
    for (int i = 0; i < CHECKPOINTS.length; i++) {
      if (CHECKPOINTS[i].equals(checkpoint)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown checkpoint " + checkpoint);
  }

  static String modelName(String family) {
    return switch (family) {
      case "sdxl" -> "sdxl-1.0";
      case "sd15" -> "sd-v1.5";
      case "flux" -> "flux-dev";
      default -> family;
    };
  }

  static final String[] LORAS = {"add_detail", "detail_tweaker_xl", "epi_noiseoffset", "film_grain_v2",
      "anime_lineart", "lcm_lora_sdxl", "more_details", "soft_lighting"};

  static final String[] SAMPLERS = {"Euler a", "DPM++ 2M Karras", "DPM++ 2M SDE", "Euler", "DDIM", "UniPC",
      "LMS", "Heun"};
  static final String[] SCHEDULERS = {"karras", "normal", "exponential", "sgm_uniform"};
  static final double[] CFG = {7.0, 7.5, 6.0, 5.0, 8.0, 4.0, 9.0, 3.5, 10.0, 12.0, 3.0, 14.0, 2.5};
  static final int[] STEPS = {30, 25, 20, 35, 40, 28, 50, 15, 8};
  static final int[][] SIZES = {{1024, 1024}, {512, 512}, {832, 1216}, {1216, 832}, {512, 768}, {768, 512}};

  /** Seed 002's prompt variations. */
  static final String[] EXPRESSION = {"happy", "neutral", "smiling", "sad", "angry", "surprised"};
  static final String[] VARIATION_POSE = {"standing", "sitting", "walking", "profile", "lying down", "kneeling",
      "running"};
  static final String[] LIGHTING = {"soft", "studio", "golden hour", "dramatic", "backlit"};
  /** The same variations in the order sessions pick them for their grids (most popular first). */
  static final String[] GRID_EXPRESSION = {"angry", "happy", "neutral", "smiling", "sad", "surprised"};
  static final String[] GRID_POSE = {"profile", "standing", "sitting", "walking", "lying down", "kneeling", "running"};

  static final String[] TEMPLATES = {"portrait.yaml", "scene_two_people.yaml", "anime_character.yaml",
      "landscape.yaml", "product_shot.yaml", "story_beat.yaml"};
  static final String[] ERRORS = {"CUDA out of memory", "NaN detected in latents",
      "provider timeout after 120 s", "content policy rejection", "invalid LoRA file", "worker lost"};
  static final String[] FAILURE_NOTES = {"hands merged", "face distorted", "mostly noise", "cut off at the top",
      "wrong subject", "extra limbs", "blank background"};

  static final String[] FAILURE_CATEGORIES_IMAGE = {"malformed", "noise", "incomplete", "off_prompt"};

  static final String[] FIT_NOTES = {"good match", "camera angle is wrong", "mood does not fit",
      "missing the second actor", "setting is off", "great for an opening shot", "close but too static"};

  // seed 004: material images
  static final String[] MATERIALS = {"Birch", "Steel", "Oak", "Concrete", "Copper", "Walnut", "Granite",
      "Leather", "Cast Iron", "Marble", "Pine", "Brass", "Ceramic", "Glass", "Denim", "Rubber"};
  static final String[] MATERIAL_CATEGORY = {"wood_hardwood", "metal_ferrous", "wood_hardwood", "stone",
      "metal_nonferrous", "wood_hardwood", "stone", "textile", "metal_ferrous", "stone", "wood_softwood",
      "metal_nonferrous", "ceramic", "glass", "textile", "polymer"};
  static final String[] PATTERNS = {"dust", "dirt", "rust", "scratches", "grease", "water_stains", "soot", "mold"};
  static final String[] VIEW_MODES = {"natural_placement", "macro", "flat_lay", "studio"};
  static final String[] FEEDBACK_CATEGORIES = {"physics", "material_behavior", "contamination", "object_realism",
      "aesthetics", "scale"};
  /** Per feedback category (in FEEDBACK_CATEGORIES order), the texts reviewers write, the most effective first. */
  static final String[][] FEEDBACK_TEXTS = {
      {"Dust should accumulate in natural low points and crevices, not float in mid-air. Follow gravity rules.",
          "Particles must rest on surfaces; nothing hovers above the object.",
          "Heavier debris settles at the bottom edges first."},
      {"Rust starts at edges and exposed areas, following oxidation chemistry.",
          "Corrosion spreads from scratches and joints, not evenly across the surface.",
          "Patina darkens with age; fresh metal stays bright under the wear."},
      {"Dirt particles vary in size, natural accumulation, not a uniform layer.",
          "Stains should fade at their borders instead of ending in hard lines.",
          "Keep contamination sparse in the centre and denser near handles."},
      {"Wood grain should be visible through the contamination.",
          "The base material's texture must show under every layer.",
          "Reflections follow the surface curvature of the object."},
      {"Lighting should show the material texture clearly.",
          "Use a softer key light so the colours are not washed out.",
          "Frame the object fully with some margin around it."},
      {"Dust particles should be microscopic, not visible chunks.",
          "Scratches are thin compared to the object's size.",
          "Water drops are millimetres wide, never larger than a coin."}};
  static final String[] FEEDBACK_SOURCES = {"user", "automated", "system"};
  static final String[] PHYSICS_ISSUES = {"Edge concentration issues", "Floating particles",
      "Uniform distribution", "Wrong particle scale", "Multiple quality issues"};
  static final String[] RED_FLAGS = {"cartoonish", "oversaturated", "repeating pattern", "text artifacts",
      "plastic look"};
  static final String[] FEEDBACK_MODELS = {"imagen-4.0", "gemini-2.5-flash-image", "flux-1.1-pro"};

  static final String[] AUTHORS = {"alice", "bruno", "chen", "dana", "emeka"};
  static final String[] COMPLEXITY = {"simple", "moderate", "complex"};
  static final String[] SOURCE_TYPES = {"library", "user", "generated", "imported"};
}
