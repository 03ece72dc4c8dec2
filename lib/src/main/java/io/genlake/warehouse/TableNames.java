package io.genlake.warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Did-you-mean for table names: the known names closest to a mistyped one by edit distance. Pure. */
public final class TableNames {
  private TableNames() {}

  /**
   * The names among {@code known} within an edit distance of a third of {@code name}'s length (at least 2) of it,
   * closest first, at most three; case and backquotes are ignored. O(known x length^2).
   */
  public static List<String> closest(String name, List<String> known) {
    String wanted = name.replace("`", "").toLowerCase(Locale.ROOT);
    int limit = Math.max(2, wanted.length() / 3);
    List<String> out = new ArrayList<>();
    for (String k : known) {
      if (distance(wanted, k.toLowerCase(Locale.ROOT)) <= limit) {
        out.add(k);
      }
    }
    out.sort(Comparator.comparingInt((String k) -> distance(wanted, k.toLowerCase(Locale.ROOT)))
        .thenComparing(Comparator.naturalOrder()));
    return out.size() > 3 ? out.subList(0, 3) : out;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
