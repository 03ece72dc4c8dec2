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

/** {@code silver.assets}: one row per produced image or video, with what describes it (captions, path). */
public final class SilverAssets {
  public static final TableId TABLE = TableId.silver("assets");

  public static final String ASSET_ID = "asset_id";
  public static final String MEDIA_TYPE = "media_type";
  public static final String SOURCE_GENERATION_ID = "source_generation_id";
  public static final String CAPTIONS = "captions";
  public static final String PATH = "path";
  public static final String URL = "url";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String DURATION_SEC = "duration_sec";
  public static final String CREATED_AT = "created_at";
  public static final String IS_DELETED = "is_deleted";

  public static final List<String> MEDIA_TYPES = List.of("image", "video");

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(ASSET_ID, StringType),
      required(MEDIA_TYPE, StringType),
      optional(SOURCE_GENERATION_ID, StringType),
      required(CAPTIONS, Fields.STRINGS),
      optional(PATH, StringType),
      optional(URL, StringType),
      optional(WIDTH, IntegerType),
      optional(HEIGHT, IntegerType),
      optional(DURATION_SEC, DoubleType),
      required(CREATED_AT, TimestampType),
      required(IS_DELETED, BooleanType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(ASSET_ID), List.of(),
      Map.of("media_type_known", MEDIA_TYPE + " IN ('image','video')"), true)
      .withStatsColumns(ASSET_ID, Lineage.EVENT_TIME);

  private SilverAssets() {}
}
