package io.genlake.enrich;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import org.apache.spark.sql.Column;

/** {@link Rating}'s order as a Spark expression, so gold queries compare ratings without a UDF. */
final class Ratings {
  private Ratings() {}

  /** 1 (sfw) to 4 (restricted); 0 for null or an unknown label. */
  static Column rank(Column label) {
    Column[] labels = Arrays.stream(Rating.values()).map(r -> lit(r.label())).toArray(Column[]::new);
    return coalesce(array_position(array(labels), label), lit(0L));
  }
}
