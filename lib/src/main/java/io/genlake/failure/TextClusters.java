package io.genlake.failure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Merges near-duplicate feedback texts, plain Java. A text's normal form is lower case, every run of characters
 * other than letters and digits one space, trimmed ({@code "Dust should settle."} and {@code "dust should settle"}
 * are one text). Texts whose word sets have a Jaccard similarity at or above a threshold join one cluster: texts
 * are taken most used first (ties by text), each joining the first cluster whose representative (its most used
 * text) is similar enough, else starting its own. Cost: O(texts × clusters) word-set comparisons.
 */
final class TextClusters {
  /** Runs of characters other than letters and digits (one space each in the normal form). */
  static final String NON_WORD = "[^\\p{L}\\p{Nd}]+";

  private TextClusters() {}

  /** The normal form of a text (see the class comment); empty for null. */
  static String normalize(String text) {
    if (text == null) {
      return "";
    }
    return text.toLowerCase(Locale.ROOT).replaceAll(NON_WORD, " ").trim();
  }

  /** The distinct words of a normal form. */
  static Set<String> words(String normal) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : normal.split(" ")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** |a ∩ b| / |a ∪ b|; 1 for two empty sets. */
  static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1.0;
    }
    int common = 0;
    for (String w : a) {
      if (b.contains(w)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }

  /** A cluster: its representative (the most used member) and every member, most used first. */
  record Cluster<T>(T representative, List<T> members) {}

  /**
   * Clusters {@code items} by the word sets of their normal forms ({@code text}), most used ({@code uses}) first,
   * ties in text order.
   */
  static <T> List<Cluster<T>> cluster(List<T> items, java.util.function.Function<T, String> text, ToLongFunction<T> uses,
      double similarity) {
    List<T> ordered = new ArrayList<>(items);
    ordered.sort(Comparator.comparingLong(uses).reversed().thenComparing(text::apply));
    List<T> representatives = new ArrayList<>();
    List<Set<String>> repWords = new ArrayList<>();
    List<List<T>> members = new ArrayList<>();
    for (T item : ordered) {
      Set<String> w = words(normalize(text.apply(item)));
      int target = -1;
      for (int c = 0; c < representatives.size() && target < 0; c++) {
        if (jaccard(w, repWords.get(c)) >= similarity) {
          target = c;
        }
      }
      if (target < 0) {
        representatives.add(item);
        repWords.add(w);
        members.add(new ArrayList<>(List.of(item)));
      } else {
        members.get(target).add(item);
      }
    }
    List<Cluster<T>> out = new ArrayList<>();
    for (int c = 0; c < representatives.size(); c++) {
      out.add(new Cluster<>(representatives.get(c), List.copyOf(members.get(c))));
    }
    return out;
  }
}
