package io.genlake.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a heuristic score sits against people's ratings, from {@code gold.fit_calibration}: the role's row when it
 * has ratings, else the {@code all} row; the mean rating and number of rated pairs in the score's decile, and
 * Spearman's rho with its bootstrap interval. Pure; O(rows).
 */
final class Calibrations {
  private Calibrations() {}

  /** The context for {@code score} in {@code role}; {@code available = false} when nothing was rated yet. */
  static Map<String, Object> context(List<ObjectNode> rows, String role, double score) {
    Optional<ObjectNode> row = find(rows, "role_in_sequence", role).filter(r -> r.path("n").asLong() > 0)
        .or(() -> find(rows, "all", null));
    Map<String, Object> out = new LinkedHashMap<>();
    int decile = Math.min(9, (int) Math.floor(score * 10));
    out.put("decile_low", decile / 10.0);
    out.put("decile_high", (decile + 1) / 10.0);
    if (row.isEmpty() || row.get().path("n").asLong() == 0) {
      out.put("available", false);
      out.put("text", "No scored ratings yet: nothing to compare this score with.");
      return out;
    }
    ObjectNode r = row.get();
    JsonNode means = r.path("mean_rating_by_decile");
    JsonNode pairs = r.path("pairs_by_decile");
    Double mean = means.has(decile) && !means.get(decile).isNull() ? means.get(decile).asDouble() : null;
    long n = pairs.has(decile) ? pairs.get(decile).asLong() : 0;
    out.put("available", true);
    out.put("grouping", r.path("grouping").asText());
    out.put("group_value", r.path("group_value").isNull() ? null : r.path("group_value").asText(null));
    out.put("n", r.path("n").asLong());
    out.put("spearman", number(r, "spearman"));
    out.put("spearman_ci_low", number(r, "spearman_ci_low"));
    out.put("spearman_ci_high", number(r, "spearman_ci_high"));
    out.put("decile_mean_rating", mean);
    out.put("decile_pairs", n);
    out.put("mean_rating_by_decile", means);
    out.put("pairs_by_decile", pairs);
    String who = r.path("grouping").asText().equals("all") ? "all roles" : "role " + role;
    String decileText = String.format(Locale.ROOT, "%.1f–%.1f", decile / 10.0, (decile + 1) / 10.0);
    String rated = mean == null ? "no rated pair scored " + decileText
        : String.format(Locale.ROOT, "pairs scored %s were rated %.2f on average (n=%d)", decileText, mean, n);
    Double rho = number(r, "spearman");
    String agreement = rho == null ? "Spearman's ρ is undefined (fewer than 3 pairs or a constant side)"
        : String.format(Locale.ROOT, "Spearman's ρ between score and rating %.2f", rho)
            + (number(r, "spearman_ci_low") == null ? "" : String.format(Locale.ROOT, " [%.2f, %.2f]",
                number(r, "spearman_ci_low"), number(r, "spearman_ci_high")));
    out.put("text", "For " + who + " (" + r.path("n").asLong() + " scored ratings): " + rated + "; " + agreement + ".");
    return out;
  }

  private static Optional<ObjectNode> find(List<ObjectNode> rows, String grouping, String value) {
    return rows.stream().filter(r -> grouping.equals(r.path("grouping").asText())
        && (value == null || value.equals(r.path("group_value").asText(null)))).findFirst();
  }

  private static Double number(ObjectNode r, String name) {
    JsonNode v = r.get(name);
    return v == null || v.isNull() ? null : v.asDouble();
  }
}
