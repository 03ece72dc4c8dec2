package io.genlake.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One comma- or BREAK-separated part of a prompt, with Stable-Diffusion emphasis resolved into
 * {@code weight} (1.0 plain, 1.1 per {@code ( )}, 1/1.1 per {@code [ ]}, explicit {@code (x:1.3)}).
 * {@code text} is lower case, with underscores read as spaces and whitespace collapsed.
 */
public record Phrase(String text, double weight) {

  /** The phrase's words: runs of letters and digits, with inner hyphens and apostrophes kept. */
  public List<String> words() {
    return PromptParser.words(text);
  }

  /** Convenience for tests and callers that only need the texts. */
  public static List<String> texts(List<Phrase> phrases) {
    List<String> out = new ArrayList<>(phrases.size());
    for (Phrase p : phrases) {
      out.add(p.text());
    }
    return out;
  }
}
