package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.asset_tags}: seed 000 Task B, the ontology IDs derived for each asset from its captions and
 * its generation's final prompt (never the negative prompt). One row per non-deleted asset.
 */
public final class GoldAssetTags {
  public static final TableId TABLE = TableId.gold("asset_tags");

  public static final String ASSET_ID = "asset_id";
  public static final String SOURCE_GENERATION_ID = "source_generation_id";
  /** IDs found, ontology order, implied parents not added. */
  public static final String ONTOLOGY_IDS = "ontology_ids";
  /** Categories of the IDs found (camera, relation, actor, ...). */
  public static final String ROLES = "roles";
  /** IDs mentioned only under a negation ("no dog"), excluded from ontology_ids. */
  public static final String NEGATED_IDS = "negated_ids";
  /** Text sources used: caption, generation_prompt. */
  public static final String SOURCES = "sources";
  /** False when the asset had no caption and no generation prompt. */
  public static final String HAS_TEXT = "has_text";
  public static final String PATH = "path";
  public static final String URL = "url";

  public static final StructType SCHEMA = Fields.schema(
      required(ASSET_ID, StringType),
      optional(SOURCE_GENERATION_ID, StringType),
      required(ONTOLOGY_IDS, Fields.STRINGS),
      required(ROLES, Fields.STRINGS),
      required(NEGATED_IDS, Fields.STRINGS),
      required(SOURCES, Fields.STRINGS),
      required(HAS_TEXT, BooleanType),
      optional(PATH, StringType),
      optional(URL, StringType));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldAssetTags() {}
}
