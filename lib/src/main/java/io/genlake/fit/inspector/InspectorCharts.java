package io.genlake.fit.inspector;

import io.genlake.report.Axis;
import io.genlake.report.CategoryPlot;
import io.genlake.report.Charts;
import io.genlake.report.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The calibration charts, drawn by the shared report chart helper; a chart without data is absent. */
final class InspectorCharts {
  static final int WIDTH = 560;
  static final String BOOTSTRAP = "95% bootstrap interval (percentile, as in the table)";

  /**
   * One heuristic-score decile: pairs scoring in [index/10, (index+1)/10) (the last one includes 1.0).
   *
   * @param index 0 to 9
   * @param pairs scored ratings in the decile
   * @param mean their mean rating (1-5); empty when there are none
   */
  record Decile(int index, long pairs, Optional<Double> mean) {
    /** "0.3–0.4". */
    String range() {
      return String.format(Locale.ROOT, "%.1f–%.1f", index / 10.0, (index + 1) / 10.0);
    }
  }

  private InspectorCharts() {}

  /** Mean human rating per heuristic-score decile on the rating's own 1–5 scale; empty deciles have no dot. */
  static Optional<Figure> ratingByDecile(List<Decile> deciles) {
    if (deciles.stream().allMatch(d -> d.mean().isEmpty())) {
      return Optional.empty();
    }
    List<CategoryPlot.Category> categories = new ArrayList<>();
    for (Decile d : deciles) {
      categories.add(d.mean().map(m -> CategoryPlot.Category.of(d.range(), d.pairs(), m)).orElse(CategoryPlot.Category.empty(d.range(), d.pairs())));
    }
    return Optional.of(Charts.category(CategoryPlot.builder("rating-by-decile", "Mean rating by heuristic score decile")
        .categories("heuristic score decile", "scored ratings").values(new Axis("mean human rating (1–5)", 1, 5)).dots()
        .of(categories).build(), WIDTH));
  }

  /** Spearman's rho per group of {@code grouping} with its bootstrap 95% interval as computed. */
  static Optional<Figure> correlations(String id, String title, String groupName, List<InspectorHtml.Group> groups) {
    List<CategoryPlot.Category> categories = new ArrayList<>();
    for (InspectorHtml.Group g : groups) {
      if (g.spearman() == null) {
        categories.add(CategoryPlot.Category.empty(g.value(), g.n()));
      } else if (g.spearmanLow() == null || g.spearmanHigh() == null) {
        categories.add(CategoryPlot.Category.of(g.value(), g.n(), g.spearman()));
      } else {
        categories.add(CategoryPlot.Category.of(g.value(), g.n(), g.spearman()).withInterval(g.spearmanLow(), g.spearmanHigh()));
      }
    }
    if (categories.stream().allMatch(c -> c.value().isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(Charts.category(CategoryPlot.builder(id, title).categories(groupName, "scored ratings")
        .values(new Axis("Spearman ρ (heuristic vs. rating)", -1, 1)).intervals(BOOTSTRAP).of(categories).build(), WIDTH));
  }
}
