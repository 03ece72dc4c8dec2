package io.genlake.enrich;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;

import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The enrichment as one Dataset transformation: generations in, one row of enrichment columns per generation
 * out: the whole row with its enrichment columns filled, plus two statuses ({@link EnrichRows#SCHEMA}). The prompt versions are joined three ways, all broadcast (the versions
 * table is small: a few thousand rows), so the generations are never shuffled: by versionId, by family (does
 * it exist), and by family + created_at against the {@link VersionTimeline} (the version valid at creation).
 * Then one per-partition Java loop computes everything else.
 */
final class GenerationEnricher {
  static final String PC_VERSION_ID = "_pc_version_id";
  static final String PC_FAMILY_ID = "_pc_family_id";
  static final String BY_ID_VERSION = "_byid_version_id";
  static final String BY_ID_TEXT = "_byid_prompt_text";
  static final String FAMILY_KNOWN = "_known_family_id";
  static final String LATEST_VERSION = VersionTimeline.VERSION_ID;
  static final String LATEST_TEXT = VersionTimeline.TEXT;

  private GenerationEnricher() {}

  /** Enriches {@code generations} (silver.generations rows) against {@code versions} (silver.prompt_versions). */
  static Dataset<Row> enrich(Dataset<Row> generations, Dataset<Row> versions, String hashAlgorithm,
      ContentRatingPolicy ratings, Timestamp enrichedAt) {
    List<Column> input = new ArrayList<>();
    for (String c : SilverGenerations.SCHEMA.fieldNames()) {
      input.add(col(c));
    }
    input.add(get_json_object(col(SilverGenerations.PROMPT_CONFIG), "$." + PromptConfig.VERSION_ID).as(PC_VERSION_ID));
    input.add(get_json_object(col(SilverGenerations.PROMPT_CONFIG), "$." + PromptConfig.FAMILY_ID).as(PC_FAMILY_ID));
    Dataset<Row> g = generations.select(input.toArray(new Column[0]));

    Dataset<Row> byId = versions.select(
        col(SilverPromptVersions.VERSION_ID).as(BY_ID_VERSION), col(SilverPromptVersions.PROMPT_TEXT).as(BY_ID_TEXT));
    Dataset<Row> families = versions.select(col(SilverPromptVersions.FAMILY_ID).as(FAMILY_KNOWN)).distinct();
    Dataset<Row> timeline = VersionTimeline.intervals(versions);

    Column created = col(SilverGenerations.CREATED_AT);
    Dataset<Row> joined = g
        .join(broadcast(byId), col(PC_VERSION_ID).equalTo(col(BY_ID_VERSION)), "left")
        .join(broadcast(families), col(PC_FAMILY_ID).equalTo(col(FAMILY_KNOWN)), "left")
        .join(broadcast(timeline), col(PC_FAMILY_ID).equalTo(col(VersionTimeline.FAMILY))
            .and(created.geq(col(VersionTimeline.VALID_FROM)))
            .and(col(VersionTimeline.VALID_TO).isNull().or(created.lt(col(VersionTimeline.VALID_TO)))), "left");
    return joined.mapPartitions(new EnrichRows(hashAlgorithm, ratings, enrichedAt), Encoders.row(EnrichRows.SCHEMA));
  }
}
