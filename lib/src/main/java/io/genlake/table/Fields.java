package io.genlake.table;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Small builders for table schemas, so each table class reads as a list of columns. */
public final class Fields {
  /**
   * {@code array<struct<name: string, strength: double>>}: LoRAs with their strength. Types nested in arrays
   * and maps are nullable because Delta cannot enforce NOT NULL inside them; ingestion guarantees it instead.
   */
  public static final StructType LORA = new StructType(new StructField[] {
      new StructField("name", StringType, true, Metadata.empty()),
      new StructField("strength", DoubleType, true, Metadata.empty())});
  public static final ArrayType LORAS = DataTypes.createArrayType(LORA, true);
  public static final ArrayType STRINGS = DataTypes.createArrayType(StringType, true);
  public static final MapType STRING_MAP = DataTypes.createMapType(StringType, StringType, true);

  private Fields() {}

  /** A NOT NULL column. */
  public static StructField required(String name, DataType type) {
    return new StructField(name, type, false, Metadata.empty());
  }

  /** A nullable column. */
  public static StructField optional(String name, DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }

  /** A schema from column groups (e.g. the table's own columns, then {@link Lineage#COLUMNS}). */
  public static StructType schema(List<StructField> own, List<StructField> tail) {
    List<StructField> all = new ArrayList<>(own);
    all.addAll(tail);
    return new StructType(all.toArray(new StructField[0]));
  }

  /** A schema from columns. */
  public static StructType schema(StructField... fields) {
    return new StructType(fields);
  }
}
