package io.genlake.table;

import static io.genlake.table.Fields.optional;
import static io.genlake.table.Fields.required;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.genlake.warehouse.TableId;
import io.genlake.warehouse.TableSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.action_blocks}: seed 000's ActionBlock. {@code tags} holds the block's own tags as strings;
 * a mapping such as {"mood": "tender"} arrives as {@code mood:tender}.
 */
public final class SilverActionBlocks {
  public static final TableId TABLE = TableId.silver("action_blocks");

  public static final String BLOCK_ID = "block_id";
  public static final String PROMPT = "prompt";
  public static final String TAGS = "tags";
  public static final String COMPLEXITY_LEVEL = "complexity_level";
  public static final String SOURCE_TYPE = "source_type";
  public static final String IS_COMPOSITE = "is_composite";
  public static final String COMPONENT_BLOCKS = "component_blocks";
  public static final String PROMPT_VERSION_ID = "prompt_version_id";
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String IS_DELETED = "is_deleted";

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(BLOCK_ID, StringType),
      optional(PROMPT, StringType),
      required(TAGS, Fields.STRINGS),
      optional(COMPLEXITY_LEVEL, StringType),
      optional(SOURCE_TYPE, StringType),
      required(IS_COMPOSITE, BooleanType),
      required(COMPONENT_BLOCKS, Fields.STRINGS),
      optional(PROMPT_VERSION_ID, StringType),
      required(CREATED_AT, TimestampType),
      optional(UPDATED_AT, TimestampType),
      required(IS_DELETED, BooleanType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(BLOCK_ID), List.of(), Map.of(), true)
      .withStatsColumns(BLOCK_ID, Lineage.EVENT_TIME);

  private SilverActionBlocks() {}
}
