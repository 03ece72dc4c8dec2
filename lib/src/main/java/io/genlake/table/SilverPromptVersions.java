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

/** {@code silver.prompt_versions}: seed 001's PromptVersion, one row per version of a prompt family. */
public final class SilverPromptVersions {
  public static final TableId TABLE = TableId.silver("prompt_versions");

  public static final String VERSION_ID = "version_id";
  public static final String FAMILY_ID = "family_id";
  public static final String FAMILY_NAME = "family_name";
  public static final String VERSION_NUMBER = "version_number";
  public static final String PROMPT_TEXT = "prompt_text";
  public static final String AUTHOR = "author";
  public static final String COMMIT_MESSAGE = "commit_message";
  public static final String CREATED_AT = "created_at";

  public static final StructType SCHEMA = Fields.schema(List.of(
      required(VERSION_ID, StringType),
      required(FAMILY_ID, StringType),
      optional(FAMILY_NAME, StringType),
      required(VERSION_NUMBER, IntegerType),
      required(PROMPT_TEXT, StringType),
      optional(AUTHOR, StringType),
      optional(COMMIT_MESSAGE, StringType),
      required(CREATED_AT, TimestampType)), Lineage.COLUMNS);

  public static final TableSpec SPEC = new TableSpec(TABLE, SCHEMA, List.of(VERSION_ID), List.of(),
      Map.of("version_number_positive", VERSION_NUMBER + " >= 1"), true)
      .withStatsColumns(VERSION_ID, Lineage.EVENT_TIME);

  private SilverPromptVersions() {}
}
