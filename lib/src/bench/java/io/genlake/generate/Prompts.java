package io.genlake.generate;

/**
 * Builds SD-style prompts from scene words and style words: comma-separated phrases, emphasis
 * {@code (word:1.2)}, de-emphasis {@code [word]}, {@code BREAK} and {@code <lora:name:0.8>} tags, the way
 * the source apps' users write them. One StringBuilder per call; no regular expressions.
 */
final class Prompts {
  private Prompts() {}

  /** The style words of a prompt: one main style, sometimes a second that does not conflict. */
  static String[] styles(Rng rng) {
    String main = Zipfs.draw(rng, Vocabulary.STYLE);
    if (!rng.chance(0.3)) {
      return new String[] {main};
    }
    String second = Zipfs.draw(rng, Vocabulary.STYLE);
    if (second.equals(main) || conflicting(main, second)) {
      return new String[] {main};
    }
    return new String[] {main, second};
  }

  private static boolean conflicting(String a, String b) {
    return (a.equals("anime") && b.equals("photorealistic")) || (a.equals("photorealistic") && b.equals("anime"));
  }

  /** The positive prompt: styles, booster, scene words (some weighted), a LoRA tag per LoRA. */
  static String positive(Rng rng, String[] styles, String[] scene, String[] loraNames, String[] loraStrengths) {
    StringBuilder sb = new StringBuilder(200);
    for (String s : styles) {
      sb.append(s).append(", ");
    }
    if (rng.chance(0.6)) {
      sb.append(Zipfs.draw(rng, Vocabulary.BOOSTERS)).append(", ");
    }
    for (int i = 0; i < scene.length; i++) {
      String w = scene[i];
      double u = rng.next();
      if (u < 0.12) {
        sb.append('(').append(w).append(":1.").append(1 + rng.below(4)).append(')');
      } else if (u < 0.17) {
        sb.append('[').append(w).append(']');
      } else if (u < 0.22) {
        sb.append("((").append(w).append("))");
      } else if (Vocabulary.ACTOR == actorList(w)) {
        sb.append("a ").append(w);
      } else {
        sb.append(w);
      }
      sb.append(i == scene.length - 1 ? "" : ", ");
    }
    if (rng.chance(0.15)) {
      sb.append(" BREAK ").append(Zipfs.draw(rng, Vocabulary.BOOSTERS));
    }
    for (int i = 0; i < loraNames.length; i++) {
      if (loraStrengths[i] != null) { // a LoRA exported without a strength has no tag either
        sb.append(", <lora:").append(loraNames[i]).append(':').append(loraStrengths[i]).append('>');
      }
    }
    return sb.toString();
  }

  private static String[] actorList(String word) {
    for (String a : Vocabulary.ACTOR) {
      if (a.equals(word)) {
        return Vocabulary.ACTOR;
      }
    }
    return null;
  }

  /** A negative prompt of 3-6 common negative terms. */
  static String negative(Rng rng) {
    int n = rng.between(3, 6);
    StringBuilder sb = new StringBuilder(80);
    boolean[] used = new boolean[Vocabulary.NEGATIVE.length];
    for (int i = 0; i < n; i++) {
      int w = Zipfs.forSize(used.length).draw(rng);
      if (!used[w]) {
        used[w] = true;
        sb.append(sb.length() == 0 ? "" : ", ").append(Vocabulary.NEGATIVE[w]);
      }
    }
    return sb.toString();
  }

  /** Captions an app would attach to the asset, written from the same scene words. */
  static String[] captions(Rng rng, String[] scene, String[] styles) {
    StringBuilder first = new StringBuilder(80).append(styles.length > 0 ? styles[0] + " image of" : "image of");
    for (String w : scene) {
      first.append(' ').append(w);
    }
    if (!rng.chance(0.4)) {
      return new String[] {first.toString()};
    }
    return new String[] {first.toString(), String.join(", ", scene)};
  }

  /** The first actor word of the scene (the prompt template's subject), or "woman". */
  static String subject(String[] scene) {
    for (String w : scene) {
      if (actorList(w) != null) {
        return w;
      }
    }
    return "woman";
  }

  /** Substitutes {@code {{name}}} placeholders present in {@code variables} (name, value pairs). */
  static String substitute(String text, String[] variables) {
    String out = text;
    for (int i = 0; i < variables.length; i += 2) {
      out = out.replace("{{" + variables[i] + "}}", variables[i + 1]);
    }
    return out;
  }
}
