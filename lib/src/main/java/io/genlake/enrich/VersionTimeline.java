package io.genlake.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

import io.genlake.table.SilverPromptVersions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * For autoSelectLatest: which version was a family's latest at any instant. Turns silver.prompt_versions
 * into validity intervals {@code [valid_from, valid_to)} per family, each holding the version with the
 * highest version_number among those created at or before the interval's start, so a generation finds its
 * version with one equi-join on family plus a range condition, exactly one match, no per-row lookup and no
 * aggregation over generations. Cost: one window over the (small) versions table.
 */
final class VersionTimeline {
  static final String FAMILY = "_tl_family_id";
  static final String VALID_FROM = "_tl_valid_from";
  static final String VALID_TO = "_tl_valid_to";
  static final String VERSION_ID = "_tl_version_id";
  static final String TEXT = "_tl_prompt_text";

  private VersionTimeline() {}

  /** One row per family and version creation instant: family, [from, to), the latest version then. */
  static Dataset<Row> intervals(Dataset<Row> versions) {
    Column family = col(SilverPromptVersions.FAMILY_ID);
    WindowSpec byTime = Window.partitionBy(family).orderBy(
        col(SilverPromptVersions.CREATED_AT), col(SilverPromptVersions.VERSION_NUMBER), col(SilverPromptVersions.VERSION_ID));
    Column latest = max(struct(col(SilverPromptVersions.VERSION_NUMBER), col(SilverPromptVersions.VERSION_ID),
        col(SilverPromptVersions.PROMPT_TEXT))).over(byTime.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    return versions
        .select(
            family.as(FAMILY),
            col(SilverPromptVersions.CREATED_AT).as(VALID_FROM),
            lead(col(SilverPromptVersions.CREATED_AT), 1).over(byTime).as(VALID_TO),
            latest.getField(SilverPromptVersions.VERSION_ID).as(VERSION_ID),
            latest.getField(SilverPromptVersions.PROMPT_TEXT).as(TEXT))
        // several versions created at the same instant: only the last of them (which saw all) keeps an interval
        .filter(col(VALID_TO).isNull().or(col(VALID_TO).gt(col(VALID_FROM))));
  }
}
