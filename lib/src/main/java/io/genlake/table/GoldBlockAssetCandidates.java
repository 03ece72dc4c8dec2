package io.genlake.table;

import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import org.apache.spark.sql.types.StructType;

/**
 * {@code gold.block_asset_candidates}: for every block, the top {@code fit.top_k} assets by heuristic score
 * (ties broken by asset_id ascending), with the explanation of each score.
 */
public final class GoldBlockAssetCandidates {
  public static final TableId TABLE = TableId.gold("block_asset_candidates");

  public static final String BLOCK_ID = "block_id";
  /** 1 for the best asset. */
  public static final String RANK = "rank";
  public static final String ASSET_ID = "asset_id";
  public static final String HEURISTIC_SCORE = "heuristic_score";
  public static final String REQUIRED_MATCHES = "required_matches";
  public static final String REQUIRED_MISSES = "required_misses";
  public static final String CONFLICTS = "conflicts";
  public static final String SOFT_MATCHES = "soft_matches";
  public static final String ASSET_ONTOLOGY_IDS = "asset_ontology_ids";

  public static final StructType SCHEMA = Fields.schema(
      required(BLOCK_ID, StringType),
      required(RANK, IntegerType),
      required(ASSET_ID, StringType),
      required(HEURISTIC_SCORE, DoubleType),
      required(REQUIRED_MATCHES, Fields.STRINGS),
      required(REQUIRED_MISSES, Fields.STRINGS),
      required(CONFLICTS, Fields.STRINGS),
      required(SOFT_MATCHES, Fields.STRINGS),
      required(ASSET_ONTOLOGY_IDS, Fields.STRINGS));

  public static final TableSpec SPEC = TableSpec.simple(TABLE, SCHEMA);

  private GoldBlockAssetCandidates() {}
}
