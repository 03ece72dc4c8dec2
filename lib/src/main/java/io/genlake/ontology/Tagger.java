package io.genlake.ontology;

import io.genlake.text.ParsedPrompt;
import io.genlake.text.Phrase;
import io.genlake.text.PromptParser;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Text to ontology IDs. Text is read with the shared {@link PromptParser} (SD weights, brackets, BREAK,
 * LoRA tags removed); within each phrase the longest keyword starting at each word wins ("from behind"
 * beats "behind", "slow motion" beats "slow"). A negator ({@code no}, {@code without}, {@code not},
 * {@code never}) negates every keyword after it in the same phrase, and a negated ID is excluded from the
 * text's tags even where it is also mentioned plainly. Negative prompts must simply not be passed in.
 * Cost: linear in the number of words, one hash lookup per word.
 */
public final class Tagger implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Words that negate the rest of their phrase. */
  public static final Set<String> NEGATORS = Set.of("no", "without", "not", "never");

  private final Ontology ontology;
  /** First keyword word to the keywords starting with it, longest first. */
  private final Map<String, List<Keyword>> index = new HashMap<>();

  private record Keyword(String[] words, int term) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public Tagger(Ontology ontology) {
    this.ontology = ontology;
    for (Term t : ontology.terms()) {
      for (String k : t.keywords()) {
        String[] words = k.split(" ");
        index.computeIfAbsent(words[0], w -> new ArrayList<>()).add(new Keyword(words, t.index()));
      }
    }
    index.values().forEach(list -> list.sort((a, b) -> Integer.compare(b.words.length, a.words.length)));
  }

  public Ontology ontology() {
    return ontology;
  }

  /** The IDs in one or more texts (captions, a generation prompt); null and blank texts give nothing. */
  public Tags tagTexts(Collection<String> texts) {
    BitSet found = new BitSet();
    BitSet negated = new BitSet();
    for (String text : texts) {
      scan(PromptParser.parse(text), found, negated);
    }
    found.andNot(negated);
    return result(found, negated, List.of());
  }

  /** The IDs in one text. */
  public Tags tagText(String text) {
    return tagTexts(text == null ? List.of() : List.of(text));
  }

  /**
   * A block's IDs: its own tags normalized ({@code cam:from_behind} as is; {@code mood:tender} or
   * {@code mood:Tender} through the category's keywords; plain words through all keywords) plus the IDs of
   * its prompt. A tag that maps to nothing is kept in {@link Tags#unmapped()}.
   */
  public Tags tagBlock(Collection<String> tags, String prompt) {
    BitSet found = new BitSet();
    BitSet negated = new BitSet();
    List<String> unmapped = new ArrayList<>();
    for (String tag : tags) {
      if (tag == null || tag.isBlank()) {
        continue;
      }
      BitSet fromTag = normalizeTag(tag.trim());
      if (fromTag.isEmpty()) {
        unmapped.add(tag.trim());
      }
      found.or(fromTag);
    }
    BitSet fromPrompt = new BitSet();
    scan(PromptParser.parse(prompt), fromPrompt, negated);
    fromPrompt.andNot(negated);
    found.or(fromPrompt);
    return result(found, negated, unmapped);
  }

  private BitSet normalizeTag(String tag) {
    String lower = tag.toLowerCase(java.util.Locale.ROOT);
    Optional<Term> exact = ontology.find(lower.replace(' ', '_').replace('-', '_'));
    BitSet out = new BitSet();
    if (exact.isPresent()) {
      out.set(exact.get().index());
      return out;
    }
    int colon = lower.indexOf(':');
    if (colon > 0) {
      Optional<Category> category = ontology.categoryByKey(lower.substring(0, colon).trim());
      String value = lower.substring(colon + 1);
      if (category.isPresent()) {
        Optional<Term> named = ontology.find(category.get().prefix() + ":" + value.trim().replace(' ', '_').replace('-', '_'));
        if (named.isPresent()) {
          out.set(named.get().index());
          return out;
        }
        scanWords(PromptParser.normalizedWords(value), out, new BitSet());
        out.stream().filter(i -> !ontology.term(i).category().equals(category.get().name())).forEach(out::clear);
        return out;
      }
      lower = value;
    }
    scanWords(PromptParser.normalizedWords(lower), out, new BitSet());
    return out;
  }

  private void scan(ParsedPrompt prompt, BitSet found, BitSet negated) {
    for (Phrase phrase : prompt.phrases()) {
      scanWords(phrase.words(), found, negated);
    }
  }

  private void scanWords(List<String> words, BitSet found, BitSet negated) {
    boolean negating = false;
    int i = 0;
    while (i < words.size()) {
      String w = words.get(i);
      if (NEGATORS.contains(w)) {
        negating = true;
        i++;
        continue;
      }
      Keyword match = longest(words, i);
      if (match == null) {
        i++;
        continue;
      }
      (negating ? negated : found).set(match.term);
      i += match.words.length;
    }
  }

  private Keyword longest(List<String> words, int at) {
    List<Keyword> candidates = index.get(words.get(at));
    if (candidates == null) {
      return null;
    }
    for (Keyword k : candidates) {
      if (at + k.words.length <= words.size() && matches(words, at, k.words)) {
        return k;
      }
    }
    return null;
  }

  private static boolean matches(List<String> words, int at, String[] keyword) {
    for (int j = 0; j < keyword.length; j++) {
      if (!words.get(at + j).equals(keyword[j])) {
        return false;
      }
    }
    return true;
  }

  private Tags result(BitSet found, BitSet negated, List<String> unmapped) {
    List<String> ids = new ArrayList<>();
    Set<String> roles = new LinkedHashSet<>();
    found.stream().forEach(i -> ids.add(ontology.term(i).id()));
    for (Category c : ontology.categories()) {
      if (found.stream().anyMatch(i -> ontology.term(i).category().equals(c.name()))) {
        roles.add(c.name());
      }
    }
    List<String> neg = new ArrayList<>();
    negated.stream().forEach(i -> neg.add(ontology.term(i).id()));
    return new Tags(ids, List.copyOf(roles), neg, unmapped);
  }
}
