package io.genlake.fit;

import static org.apache.spark.sql.functions.col;

import io.genlake.config.Fingerprint;
import io.genlake.ontology.Ontology;
import io.genlake.ops.StepState;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.GoldBlockAssetCandidates;
import io.genlake.table.GoldBlockImageFits;
import io.genlake.table.GoldFitCalibration;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What changed in the fit step's silver inputs since the gold tables were last computed, read from Delta's
 * Change Data Feed between the versions the last fit recorded (in {@code ops.step_state} under
 * {@link #STATE_STEP}) and now. Every change row counts (insert, update pre- and post-image, delete), so a key
 * whose row changed in any way is listed. The fit step uses this to re-tag, re-score and re-search only what
 * these keys touch; see {@link FitJob}.
 *
 * <p>An incremental run is possible only when the last fit recorded versions of all four inputs under the same
 * basis (ontology, top K, scoring format), its four gold tables exist, and the changes since those versions are
 * still readable (not vacuumed, table not recreated); otherwise {@link #since} says why and the step runs in
 * full. Cost: one read of each input's change feed (only the versions after the recorded ones).
 */
final class FitChanges {
  /** The ops.step_state entry of the versions the gold tables were computed from. */
  static final String STATE_STEP = "fit.outputs";
  /** Bumped whenever scoring or tagging changes meaning, so gold tables from older code are recomputed. */
  private static final String FORMAT = "fit-2";
  static final List<TableId> INPUTS = List.of(SilverAssets.TABLE, SilverGenerations.TABLE, SilverActionBlocks.TABLE,
      SilverBlockFitRatings.TABLE);
  private static final List<TableId> OUTPUTS = List.of(GoldAssetTags.TABLE, GoldBlockImageFits.TABLE,
      GoldBlockAssetCandidates.TABLE, GoldFitCalibration.TABLE);

  /** Changed asset ids (with their source generation ids, before and after), generation ids, block ids, rating keys. */
  final Dataset<Row> assets;
  final Dataset<Row> generations;
  final Dataset<Row> blocks;
  final Dataset<Row> ratings;

  private FitChanges(Dataset<Row> assets, Dataset<Row> generations, Dataset<Row> blocks, Dataset<Row> ratings) {
    this.assets = assets;
    this.generations = generations;
    this.blocks = blocks;
    this.ratings = ratings;
  }

  /** What the gold tables depend on besides the inputs' rows: the ontology's terms and categories and top K. */
  static String basis(Ontology ontology, int topK) {
    return Fingerprint.of(List.of(FORMAT, ontology.terms(), new ArrayList<>(ontology.categories()), topK));
  }

  /** Either the versions to read changes from, or why the step must recompute everything. */
  record Since(Optional<Map<String, Long>> versions, String whyFull) {}

  /** The versions the gold tables were computed from, when an incremental run can start from them. */
  static Since since(Warehouse w, String basis) {
    for (TableId out : OUTPUTS) {
      if (!w.exists(out)) {
        return full(out + " does not exist yet");
      }
    }
    StepState.Processed last = StepState.last(w, STATE_STEP);
    if (last.versions().isEmpty()) {
      return full("no fit run recorded the versions it read");
    }
    if (!last.configHash().orElse("").equals(basis)) {
      return full("the ontology, fit.top_k or the scoring code changed since the last fit");
    }
    for (TableId in : INPUTS) {
      if (w.exists(in) && !last.versions().containsKey(in.qualifiedName())) {
        return full(in + " was not read by the last fit");
      }
    }
    Optional<String> gone = StepState.unavailable(w, last.versions());
    if (gone.isPresent()) {
      return full(gone.get());
    }
    return new Since(Optional.of(last.versions()), "");
  }

  private static Since full(String why) {
    return new Since(Optional.empty(), why);
  }

  /** Records that the gold tables now reflect {@code versions} (read at the start of the run) under {@code basis}. */
  static void record(Warehouse w, Map<String, Long> versions, String basis, String runId) {
    StepState.record(w, STATE_STEP, versions, basis, runId);
  }

  /** The keys changed since {@code versions}. */
  static FitChanges read(Warehouse w, Map<String, Long> versions) {
    return new FitChanges(
        changed(w, SilverAssets.TABLE, SilverAssets.SCHEMA, versions, SilverAssets.ASSET_ID,
            SilverAssets.SOURCE_GENERATION_ID),
        changed(w, SilverGenerations.TABLE, SilverGenerations.SCHEMA, versions, SilverGenerations.GENERATION_ID),
        changed(w, SilverActionBlocks.TABLE, SilverActionBlocks.SCHEMA, versions, SilverActionBlocks.BLOCK_ID),
        changed(w, SilverBlockFitRatings.TABLE, SilverBlockFitRatings.SCHEMA, versions,
            SilverBlockFitRatings.RATING_KEY));
  }

  /** Distinct {@code columns} of every change row of {@code table} after its recorded version. */
  private static Dataset<Row> changed(Warehouse w, TableId table, StructType schema, Map<String, Long> versions,
      String... columns) {
    Long from = versions.get(table.qualifiedName());
    Optional<Long> now = w.version(table);
    if (from == null || now.isEmpty() || now.get().equals(from)) {
      StructType keys = new StructType();
      for (String c : columns) {
        keys = keys.add(schema.apply(c));
      }
      return w.spark().createDataFrame(List.of(), keys);
    }
    return w.spark().read().format("delta").option("readChangeFeed", "true").option("startingVersion", from + 1)
        .load(w.location(table))
        .select(java.util.Arrays.stream(columns).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
        .distinct();
  }
}
