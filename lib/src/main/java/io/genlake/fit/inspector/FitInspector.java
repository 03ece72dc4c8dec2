package io.genlake.fit.inspector;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import io.genlake.config.FitConfig;
import io.genlake.fit.FitJob;
import io.genlake.ontology.Ontology;
import io.genlake.ontology.Tagger;
import io.genlake.ontology.Tags;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.report.Figure;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldFitCalibration;
import io.genlake.table.SilverActionBlocks;
import io.genlake.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * The fit inspector (seed 000 Task E as a static page): {@code <reports>/fit/index.html}, or
 * {@code block-<id>.html} for one block. For each block: prompt and ontology chips; rated assets with
 * thumbnail (a local image embedded, else a placeholder: the page loads nothing from elsewhere), chips, score
 * bar, required misses / conflicts / soft matches, and the human ratings with notes; the top candidate assets
 * likewise; and the calibration charts and tables. Reads the gold fit tables (written by the fit step) and
 * silver.action_blocks; only the shown blocks' rows are collected.
 */
public final class FitInspector {
  private FitInspector() {}

  /** Writes the page (all shown blocks, or only {@code blockId}) and returns what it did. */
  public static StepResult run(RunContext ctx, Optional<String> blockId) {
    FitConfig config = ctx.config().fit();
    Path file = write(ctx.warehouse(), FitJob.ontology(config), config.reportBlocks(), blockId,
        ctx.reports().resolve("fit"), ctx.landing(), ctx.now());
    return new StepResult().note("fit inspector written to " + file.toAbsolutePath());
  }

  /**
   * Writes the page under {@code dir}; local image paths are resolved against {@code landing} and embedded.
   * An unknown {@code blockId} fails with a message saying where it looked.
   */
  public static Path write(Warehouse w, Ontology ontology, int maxBlocks, Optional<String> blockId, Path dir,
      Path landing, Instant generated) {
    List<String> shown = blockId.map(List::of).orElseGet(() -> pickBlocks(w, maxBlocks));
    Map<String, Row> silverBlocks = new LinkedHashMap<>();
    for (Row r : w.readOrEmpty(SilverActionBlocks.SPEC).where(col(SilverActionBlocks.BLOCK_ID).isin(shown.toArray()))
        .select(SilverActionBlocks.BLOCK_ID, SilverActionBlocks.PROMPT, SilverActionBlocks.TAGS).collectAsList()) {
      silverBlocks.put(r.getString(0), r);
    }
    if (blockId.isPresent() && silverBlocks.isEmpty()) {
      throw new IllegalArgumentException("Block " + blockId.get() + " is not in silver.action_blocks of " + w.root()
          + ": check the id (bin/genlake sql \"SELECT block_id FROM silver.action_blocks\").");
    }
    Tagger tagger = new Tagger(ontology);
    List<Row> rated = w.exists(GoldBlockImageFits.TABLE)
        ? w.read(GoldBlockImageFits.TABLE).where(col(GoldBlockImageFits.BLOCK_ID).isin(shown.toArray()))
            .orderBy(GoldBlockImageFits.ASSET_ID, GoldBlockImageFits.CREATED_AT).collectAsList() : List.of();
    List<Row> candidates = w.exists(GoldBlockAssetCandidates.TABLE)
        ? w.read(GoldBlockAssetCandidates.TABLE).where(col(GoldBlockAssetCandidates.BLOCK_ID).isin(shown.toArray()))
            .orderBy(GoldBlockAssetCandidates.RANK).collectAsList() : List.of();
    LinkedHashSet<String> assetIds = new LinkedHashSet<>();
    rated.forEach(r -> assetIds.add(r.getAs(GoldBlockImageFits.ASSET_ID)));
    candidates.forEach(r -> assetIds.add(r.getAs(GoldBlockAssetCandidates.ASSET_ID)));
    assetIds.remove(null);
    Map<String, Row> assets = new LinkedHashMap<>();
    if (w.exists(GoldAssetTags.TABLE) && !assetIds.isEmpty()) {
      w.read(GoldAssetTags.TABLE).where(col(GoldAssetTags.ASSET_ID).isin(assetIds.toArray())).collectAsList()
          .forEach(r -> assets.put(r.getAs(GoldAssetTags.ASSET_ID), r));
    }
    List<InspectorHtml.Block> blocks = new ArrayList<>();
    for (String id : shown) {
      Row b = silverBlocks.get(id);
      if (b == null) {
        continue;
      }
      Tags tags = tagger.tagBlock(b.isNullAt(2) ? List.of() : b.getList(2), b.isNullAt(1) ? null : b.getString(1));
      blocks.add(new InspectorHtml.Block(id, b.isNullAt(1) ? null : b.getString(1), tags.ids(), tags.unmapped(),
          ratedPairs(id, rated, assets, landing), candidatePairs(id, candidates, assets, landing)));
    }
    List<InspectorHtml.Group> groups = calibration(w);
    List<InspectorCharts.Decile> deciles = deciles(w);
    List<Figure> charts = new ArrayList<>();
    InspectorCharts.ratingByDecile(deciles).ifPresent(charts::add);
    InspectorCharts.correlations("rho-by-role", "Spearman ρ by role in sequence", "role in sequence",
        grouped(groups, GoldFitCalibration.BY_ROLE)).ifPresent(charts::add);
    InspectorCharts.correlations("rho-by-category", "Spearman ρ by ontology category", "ontology category of the block",
        grouped(groups, GoldFitCalibration.BY_CATEGORY)).ifPresent(charts::add);
    String html = InspectorHtml.page("Block ↔ image fit inspector", generated.toString(), ontology.source(), groups,
        deciles, charts, blocks);
    Path file = dir.resolve(fileName(blockId));
    try {
      Files.createDirectories(dir);
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the fit inspector to " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** {@code index.html}, or {@code block-<id>.html} with the id's unsafe characters replaced. */
  static String fileName(Optional<String> blockId) {
    return blockId.map(id -> "block-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".html").orElse("index.html");
  }

  private static List<String> pickBlocks(Warehouse w, int maxBlocks) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    if (w.exists(GoldBlockImageFits.TABLE)) {
      w.read(GoldBlockImageFits.TABLE).groupBy(GoldBlockImageFits.BLOCK_ID).agg(count("*").as("n"))
          .orderBy(col("n").desc(), col(GoldBlockImageFits.BLOCK_ID)).limit(maxBlocks).collectAsList()
          .forEach(r -> ids.add(r.getString(0)));
    }
    if (ids.size() < maxBlocks) {
      w.readOrEmpty(SilverActionBlocks.SPEC).where(col(SilverActionBlocks.IS_DELETED).equalTo(false))
          .select(SilverActionBlocks.BLOCK_ID).orderBy(SilverActionBlocks.BLOCK_ID).limit(maxBlocks).collectAsList()
          .forEach(r -> {
            if (ids.size() < maxBlocks) {
              ids.add(r.getString(0));
            }
          });
    }
    return new ArrayList<>(ids);
  }

  private static List<InspectorHtml.Pair> ratedPairs(String blockId, List<Row> rated, Map<String, Row> assets, Path landing) {
    Map<String, List<Row>> byAsset = new LinkedHashMap<>();
    for (Row r : rated) {
      if (blockId.equals(r.getAs(GoldBlockImageFits.BLOCK_ID))) {
        String asset = r.getAs(GoldBlockImageFits.ASSET_ID);
        byAsset.computeIfAbsent(asset == null ? "(unknown asset)" : asset, k -> new ArrayList<>()).add(r);
      }
    }
    List<InspectorHtml.Pair> out = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byAsset.entrySet()) {
      Row first = e.getValue().get(0);
      List<InspectorHtml.Rating> ratings = new ArrayList<>();
      for (Row r : e.getValue()) {
        ratings.add(new InspectorHtml.Rating(r.getAs(GoldBlockImageFits.USER_ID), r.<Integer>getAs(GoldBlockImageFits.FIT_RATING),
            r.getAs(GoldBlockImageFits.ROLE_IN_SEQUENCE), r.getAs(GoldBlockImageFits.NOTES)));
      }
      Row asset = assets.get(e.getKey());
      out.add(new InspectorHtml.Pair(e.getKey(), 0, Thumbnails.of(asset, landing),
          first.getList(first.fieldIndex(GoldBlockImageFits.ASSET_ONTOLOGY_IDS)), first.getAs(GoldBlockImageFits.HEURISTIC_SCORE),
          first.getList(first.fieldIndex(GoldBlockImageFits.REQUIRED_MATCHES)),
          first.getList(first.fieldIndex(GoldBlockImageFits.REQUIRED_MISSES)),
          first.getList(first.fieldIndex(GoldBlockImageFits.CONFLICTS)),
          first.getList(first.fieldIndex(GoldBlockImageFits.SOFT_MATCHES)), ratings));
    }
    return out;
  }

  private static List<InspectorHtml.Pair> candidatePairs(String blockId, List<Row> candidates, Map<String, Row> assets,
      Path landing) {
    List<InspectorHtml.Pair> out = new ArrayList<>();
    for (Row c : candidates) {
      if (!blockId.equals(c.getAs(GoldBlockAssetCandidates.BLOCK_ID))) {
        continue;
      }
      Row asset = assets.get(c.<String>getAs(GoldBlockAssetCandidates.ASSET_ID));
      out.add(new InspectorHtml.Pair(c.getAs(GoldBlockAssetCandidates.ASSET_ID), c.<Integer>getAs(GoldBlockAssetCandidates.RANK),
          Thumbnails.of(asset, landing), c.getList(c.fieldIndex(GoldBlockAssetCandidates.ASSET_ONTOLOGY_IDS)),
          c.getAs(GoldBlockAssetCandidates.HEURISTIC_SCORE), c.getList(c.fieldIndex(GoldBlockAssetCandidates.REQUIRED_MATCHES)),
          c.getList(c.fieldIndex(GoldBlockAssetCandidates.REQUIRED_MISSES)),
          c.getList(c.fieldIndex(GoldBlockAssetCandidates.CONFLICTS)),
          c.getList(c.fieldIndex(GoldBlockAssetCandidates.SOFT_MATCHES)), List.of()));
    }
    return out;
  }

  private static List<InspectorHtml.Group> calibration(Warehouse w) {
    List<InspectorHtml.Group> out = new ArrayList<>();
    if (!w.exists(GoldFitCalibration.TABLE)) {
      return out;
    }
    for (Row r : w.read(GoldFitCalibration.TABLE).orderBy(GoldFitCalibration.GROUPING, GoldFitCalibration.GROUP_VALUE)
        .collectAsList()) {
      StringBuilder misses = new StringBuilder();
      for (Row m : r.<Row>getList(r.fieldIndex(GoldFitCalibration.TOP_MISSES_LOW_RATED))) {
        misses.append(misses.length() == 0 ? "" : ", ").append(m.getString(0)).append(" (").append(m.getLong(1)).append(')');
      }
      out.add(new InspectorHtml.Group(r.getAs(GoldFitCalibration.GROUPING), r.getAs(GoldFitCalibration.GROUP_VALUE),
          r.<Long>getAs(GoldFitCalibration.N), r.getAs(GoldFitCalibration.SPEARMAN), r.getAs(GoldFitCalibration.SPEARMAN_LOW),
          r.getAs(GoldFitCalibration.SPEARMAN_HIGH), r.getAs(GoldFitCalibration.PEARSON), r.getAs(GoldFitCalibration.PEARSON_LOW),
          r.getAs(GoldFitCalibration.PEARSON_HIGH), r.getAs(GoldFitCalibration.KRIPPENDORFF_ALPHA),
          r.<Long>getAs(GoldFitCalibration.MULTI_RATED_PAIRS), misses.toString()));
    }
    return out;
  }

  /** The ten deciles of grouping all; none when there is no calibration yet. */
  private static List<InspectorCharts.Decile> deciles(Warehouse w) {
    if (!w.exists(GoldFitCalibration.TABLE)) {
      return List.of();
    }
    List<Row> all = w.read(GoldFitCalibration.TABLE).where(col(GoldFitCalibration.GROUPING).equalTo(GoldFitCalibration.ALL))
        .collectAsList();
    if (all.isEmpty()) {
      return List.of();
    }
    Row r = all.get(0);
    List<Double> means = r.getList(r.fieldIndex(GoldFitCalibration.MEAN_RATING_BY_DECILE));
    List<Long> pairs = r.getList(r.fieldIndex(GoldFitCalibration.PAIRS_BY_DECILE));
    List<InspectorCharts.Decile> out = new ArrayList<>();
    for (int d = 0; d < means.size(); d++) {
      Long n = d < pairs.size() ? pairs.get(d) : null;
      out.add(new InspectorCharts.Decile(d, n == null ? 0 : n, Optional.ofNullable(means.get(d))));
    }
    return out;
  }

  private static List<InspectorHtml.Group> grouped(List<InspectorHtml.Group> groups, String grouping) {
    return groups.stream().filter(g -> g.grouping().equals(grouping)).toList();
  }
}
