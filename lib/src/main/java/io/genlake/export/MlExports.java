package io.genlake.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.Progress;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StepResult;
import io.genlake.preference.PreferenceLearning;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldPreferencePairIncrements;
import io.genlake.table.GoldPreferencePairStats;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverImageRatings;
import io.genlake.warehouse.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The nightly ML export: Parquet feature tables under {@code <exports>/<date>/<table>/}, partitioned by
 * {@code event_date}, with a deterministic train/validation/test split, user ids pseudonymized with a keyed
 * hash ({@link Pseudonymizer}; dropped when no key is set), and {@code manifest.json} listing rows per table
 * and split, the schema, and the Delta versions each table was made from. An earlier export of the same date
 * is moved aside to {@code <exports>/_superseded/}, never deleted; when the sources have not changed since
 * it was made, nothing is rewritten.
 */
public final class MlExports {
  public static final String MANIFEST = "manifest.json";

  /** One exported feature table: its name, stable key, the tables it reads, and how it is built. */
  public record Feature(String name, Column key, List<TableId> sources, Builder builder) {}

  /** Builds a feature table from the step's inputs, read at their pinned versions (and the run's configuration). */
  @FunctionalInterface
  public interface Builder {
    Dataset<Row> build(RunContext ctx, PinnedInputs inputs, Optional<Pseudonymizer> pseudonymizer);
  }

  private MlExports() {}

  /** The feature tables genlake exports. */
  public static List<Feature> features() {
    return List.of(
        new Feature("generations", functions.col(GenerationFeatures.GENERATION_ID),
            List.of(SilverGenerations.TABLE, SilverImageRatings.TABLE, SilverBlockFitRatings.TABLE),
            (ctx, in, p) -> GenerationFeatures.build(in.read(SilverGenerations.TABLE),
                in.readOrEmpty(SilverImageRatings.SPEC), in.readOrEmpty(SilverBlockFitRatings.SPEC), p)),
        new Feature("block_asset_pairs", functions.col(GoldFeatures.PAIR_KEY), List.of(GoldBlockImageFits.TABLE),
            (ctx, in, p) -> GoldFeatures.blockAssetPairs(in.read(GoldBlockImageFits.TABLE), p)),
        new Feature("preference_pairs", functions.col(GoldFeatures.PAIR_KEY),
            List.of(GoldPreferencePairStats.TABLE, GoldPreferencePairIncrements.TABLE),
            // the current statistics (base and pending increments folded), scored when read: the decayed sums at
            // each scope's anchor (docs/preference.md)
            (ctx, in, p) -> GoldFeatures.preferencePairs(PreferenceLearning.scoredPairs(
                PreferenceLearning.pairStatistics(in.read(GoldPreferencePairStats.TABLE),
                    in.exists(GoldPreferencePairIncrements.TABLE)
                        ? Optional.of(in.read(GoldPreferencePairIncrements.TABLE)) : Optional.empty(),
                    ctx.config().preference()),
                ctx.config().preference(), ctx.runDate()), p)));
  }

  /** Every table the export reads (the nightly step's inputs for its up-to-date check). */
  public static List<TableId> inputs() {
    return features().stream().flatMap(f -> f.sources().stream()).distinct().toList();
  }

  /** Writes every feature table whose sources exist in {@code inputs} (pinned); returns counts per table. */
  public static StepResult run(RunContext ctx, PinnedInputs inputs) {
    return run(ctx, inputs, features(), Pseudonymizer.fromEnvironment());
  }

  static StepResult run(RunContext ctx, PinnedInputs inputs, List<Feature> features,
      Optional<Pseudonymizer> pseudonymizer) {
    StepResult result = new StepResult();
    Path dir = ctx.exports().resolve(ctx.runDate().toString()).toAbsolutePath();
    Map<String, Long> versions = new LinkedHashMap<>();
    List<Feature> present = new ArrayList<>();
    for (Feature f : features) {
      if (inputs.exists(f.sources().get(0))) {
        present.add(f);
        for (TableId t : f.sources()) {
          inputs.version(t).ifPresent(v -> versions.put(t.qualifiedName(), v));
        }
      } else {
        result.note("export " + f.name() + ": skipped, " + f.sources().get(0) + " does not exist yet");
      }
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path manifestFile = dir.resolve(MANIFEST);
    if (!ctx.full() && Files.exists(manifestFile) && versions.equals(sourceVersions(json, manifestFile))) {
      result.note("exports for " + ctx.runDate() + " are up to date (sources unchanged since " + manifestFile + ")");
      return result.count("export.tables_unchanged", present.size());
    }
    moveAside(dir, ctx.exports().resolve("_superseded").toAbsolutePath(), ctx.now(), result);
    ObjectNode manifest = json.createObjectNode();
    manifest.put("run_id", ctx.runId());
    manifest.put("run_date", ctx.runDate().toString());
    manifest.put("created_at", ctx.now().toString());
    manifest.put("format", "parquet/" + ctx.config().export().compression());
    manifest.put("partitioned_by", MlExportWriter.EVENT_DATE);
    manifest.put("split", "train/validation/test by pmod(xxhash64(key), 10000) against shares "
        + ctx.config().export().trainShare() + "/" + ctx.config().export().validationShare());
    manifest.put("user_ids", pseudonymizer.isPresent()
        ? "pseudonymized: HMAC-SHA256 keyed by $" + Pseudonymizer.KEY_ENV
        : "removed: $" + Pseudonymizer.KEY_ENV + " is not set");
    manifest.set("source_versions", json.valueToTree(versions));
    ObjectNode tables = manifest.putObject("tables");
    for (Feature f : present) {
      long t0 = System.nanoTime();
      Dataset<Row> written = MlExportWriter.write(f.builder().build(ctx, inputs, pseudonymizer), f.key(),
          dir.resolve(f.name()).toString(), ctx.config().export());
      ObjectNode t = tables.putObject(f.name());
      t.put("path", f.name() + "/");
      Map<String, Long> splits = new LinkedHashMap<>();
      long rows = 0;
      for (Row r : written.groupBy(MlExportWriter.SPLIT).count().orderBy(MlExportWriter.SPLIT).collectAsList()) {
        splits.put(r.getString(0), r.getLong(1));
        rows += r.getLong(1);
      }
      t.put("rows", rows);
      t.set("rows_per_split", json.valueToTree(splits));
      t.set("schema", readTree(json, written.schema().json()));
      result.count("export." + f.name() + ".rows", rows);
      ctx.progress().step("export", f.name() + ": " + Progress.count(rows) + " rows in "
          + Progress.seconds(System.nanoTime() - t0));
    }
    try {
      Files.createDirectories(dir);
      json.writeValue(manifestFile.toFile(), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + manifestFile + ": " + e.getMessage(), e);
    }
    return result.note("export written to " + dir);
  }

  private static Map<String, Long> sourceVersions(ObjectMapper json, Path manifest) {
    try {
      Map<String, Long> out = new LinkedHashMap<>();
      json.readTree(manifest.toFile()).path("source_versions").fields()
          .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
      return out;
    } catch (IOException e) {
      return Map.of(); // an unreadable manifest means the export is redone
    }
  }

  private static void moveAside(Path dir, Path superseded, Instant now, StepResult result) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.createDirectories(superseded);
      Path target = superseded.resolve(dir.getFileName() + "-" + now.toEpochMilli());
      Files.move(dir, target);
      result.note("previous export of the same date moved to " + target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move the previous export " + dir + " aside: " + e.getMessage(), e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(ObjectMapper json, String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
