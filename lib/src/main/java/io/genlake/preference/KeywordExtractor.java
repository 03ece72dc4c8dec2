package io.genlake.preference;

import io.genlake.config.PreferenceConfig;
import io.genlake.text.Keywords;
import io.genlake.text.LoraRef;
import io.genlake.text.ParsedPrompt;
import io.genlake.text.PromptParser;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one event's prompt, negative prompt and LoRA list into what preference learning counts: the prompt's
 * keywords (shared {@link Keywords} tokenizer: lower case, stop words and short words removed, SD syntax read,
 * {@code <lora:…>} tags taken as LoRAs), the negative prompt's keywords, and the LoRA names. Serializable so a
 * Spark partition loop can carry it; linear in the prompt length.
 */
public final class KeywordExtractor implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Why a prompt gave no keyword (bad-input rules, counted by the job). */
  public enum PromptStatus {
    /** At least one keyword. */
    OK,
    /** Null or blank prompt: no keyword pairs; the checkpoint x LoRA pairs still count. */
    EMPTY,
    /** Only stop words, short words or LoRA tags: no keyword pairs; the checkpoint x LoRA pairs still count. */
    NO_KEYWORDS;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What one event contributes. {@code loraStrengths} is aligned with {@code loras}: the strength of each, null when
   * none was given (see {@link #extract(String, String, List, List)}).
   */
  public record Features(List<String> keywords, List<String> negativeKeywords, List<String> loras,
      List<Double> loraStrengths, PromptStatus status) {}

  private final Set<String> stopWords;
  private final int minLength;
  private final KeywordNormalizer normalizer;
  private transient Keywords keywords;

  public KeywordExtractor(Set<String> stopWords, int minLength, KeywordNormalizer normalizer) {
    this.stopWords = new HashSet<>(stopWords);
    this.minLength = minLength;
    this.normalizer = normalizer;
  }

  /** The configured extractor: built-in and extra stop words, minimum length, the given normalizer. */
  public static KeywordExtractor from(PreferenceConfig config, KeywordNormalizer normalizer) {
    Set<String> stop = new HashSet<>();
    if (config.defaultStopWords()) {
      stop.addAll(Keywords.DEFAULT_STOP_WORDS);
    }
    for (String w : config.extraStopWords()) {
      stop.add(w.toLowerCase(java.util.Locale.ROOT));
    }
    return new KeywordExtractor(stop, config.minKeywordLength(), normalizer);
  }

  /** The default extractor (built-in stop words, two letters or more, no normalization). */
  public static KeywordExtractor defaults() {
    return new KeywordExtractor(Keywords.DEFAULT_STOP_WORDS, 2, KeywordNormalizer.identity());
  }

  /** Keywords of a prompt, normalized, distinct, in order of first appearance. */
  public List<String> keywords(String prompt) {
    return normalized(tokenizer().extract(prompt));
  }

  /** Keywords, negative keywords and LoRAs (event LoRAs plus prompt {@code <lora:…>} tags, distinct). */
  public Features extract(String prompt, String negativePrompt, List<String> eventLoras) {
    return extract(prompt, negativePrompt, eventLoras, java.util.Collections.nCopies(eventLoras.size(), null));
  }

  /**
   * Keywords, negative keywords and LoRAs with their strengths: the event's LoRA list first (its strength, null when
   * it gives none), then LoRAs named only by a prompt tag {@code <lora:name:w>} (the tag's w, 1.0 when the tag gives
   * none, as Stable-Diffusion front ends read it). A LoRA is listed once, at its first strength.
   */
  public Features extract(String prompt, String negativePrompt, List<String> eventLoras, List<Double> eventStrengths) {
    ParsedPrompt parsed = PromptParser.parse(prompt);
    List<String> kws = normalized(tokenizer().extract(parsed));
    java.util.Map<String, Double> loras = new java.util.LinkedHashMap<>();
    for (int i = 0; i < eventLoras.size(); i++) {
      String l = eventLoras.get(i);
      if (l != null && !l.isBlank() && !loras.containsKey(l.trim())) {
        loras.put(l.trim(), i < eventStrengths.size() ? eventStrengths.get(i) : null);
      }
    }
    for (LoraRef ref : parsed.loras()) {
      loras.putIfAbsent(ref.name(), ref.strength());
    }
    List<String> negatives = negativePrompt == null ? List.of() : normalized(tokenizer().extract(negativePrompt));
    PromptStatus status = prompt == null || prompt.isBlank() ? PromptStatus.EMPTY
        : kws.isEmpty() ? PromptStatus.NO_KEYWORDS : PromptStatus.OK;
    return new Features(kws, negatives, List.copyOf(loras.keySet()),
        java.util.Collections.unmodifiableList(new ArrayList<>(loras.values())), status);
  }

  private List<String> normalized(List<String> raw) {
    Set<String> out = new LinkedHashSet<>();
    for (String k : raw) {
      String n = normalizer.normalize(k);
      if (n != null && !n.isBlank()) {
        out.add(n);
      }
    }
    return new ArrayList<>(out);
  }

  private Keywords tokenizer() {
    if (keywords == null) {
      keywords = new Keywords(stopWords, minLength);
    }
    return keywords;
  }
}
