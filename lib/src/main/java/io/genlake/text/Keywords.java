package io.genlake.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keyword extraction for preference learning (seed 003): the prompt's words in order of first appearance,
 * lower case, without stop words or words shorter than {@code minLength}; LoRA tags never become keywords.
 * Serializable, so Spark functions can carry one to executors.
 */
public final class Keywords implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** English function words that carry no preference signal; the seed's examples drop "of", "a", "with". */
  public static final Set<String> DEFAULT_STOP_WORDS = Set.of(
      "a", "an", "the", "and", "or", "but", "of", "with", "without", "in", "on", "at", "to", "for", "from",
      "by", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
      "those", "his", "her", "their", "our", "your", "my", "into", "onto", "over", "under", "very", "some",
      "no", "not", "so", "than", "then", "there", "here", "who", "whom", "which", "what", "while");

  private final Set<String> stopWords;
  private final int minLength;

  public Keywords(Set<String> stopWords, int minLength) {
    this.stopWords = Set.copyOf(stopWords);
    this.minLength = minLength;
  }

  /** The default extractor: built-in stop words, words of two letters or more. */
  public static Keywords defaults() {
    return new Keywords(DEFAULT_STOP_WORDS, 2);
  }

  /** Keywords of a raw prompt. */
  public List<String> extract(String prompt) {
    return extract(PromptParser.parse(prompt));
  }

  /** Keywords of a parsed prompt, distinct, in order of first appearance. */
  public List<String> extract(ParsedPrompt prompt) {
    Set<String> out = new LinkedHashSet<>();
    for (Phrase phrase : prompt.phrases()) {
      for (String word : phrase.words()) {
        if (word.length() >= minLength && !stopWords.contains(word)) {
          out.add(word);
        }
      }
    }
    return List.copyOf(out);
  }
}
