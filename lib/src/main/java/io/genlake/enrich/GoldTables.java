package io.genlake.enrich;

import static org.apache.spark.sql.functions.col;

import io.genlake.config.EnrichConfig;
import io.genlake.pipeline.StepResult;
import io.genlake.table.GoldContentRatingViolations;
import io.genlake.table.GoldPromptVersionPerformance;
import io.genlake.table.GoldProviderHealth;
import io.genlake.table.GoldReproducibility;
import io.genlake.table.SilverBlockFitRatings;
import io.genlake.table.SilverGenerations;
import io.genlake.table.SilverPromptVersions;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Recomputes the four gold tables of the enrich step from silver (full overwrite of each). */
final class GoldTables {
  private GoldTables() {}

  static StepResult write(Warehouse w, EnrichConfig config) {
    Dataset<Row> generations = w.read(SilverGenerations.TABLE).filter(col(SilverGenerations.IS_DELETED).equalTo(false));
    Dataset<Row> ratings = w.readOrEmpty(SilverBlockFitRatings.SPEC);
    Dataset<Row> versions = w.readOrEmpty(SilverPromptVersions.SPEC);
    StepResult result = new StepResult();
    overwrite(w, result, GoldReproducibility.TABLE, GoldReproducibility.SCHEMA,
        ReproducibilityReport.build(generations, ratings, config.ratingSpread()));
    overwrite(w, result, GoldProviderHealth.TABLE, GoldProviderHealth.SCHEMA,
        ProviderHealthReport.build(generations, config.failureReasonsTop()));
    overwrite(w, result, GoldPromptVersionPerformance.TABLE, GoldPromptVersionPerformance.SCHEMA,
        PromptVersionReport.build(generations, versions, ratings));
    overwrite(w, result, GoldContentRatingViolations.TABLE, GoldContentRatingViolations.SCHEMA,
        ViolationsReport.build(generations, new ContentRatingPolicy(config.intimacyBands())));
    return result;
  }

  /** Writes {@code data} conformed to the contract {@code schema}: its columns, in its order, of its types. */
  private static void overwrite(Warehouse w, StepResult result, TableId table, StructType schema, Dataset<Row> data) {
    Column[] columns = Arrays.stream(schema.fields()).map(f -> col(f.name()).cast(f.dataType())).toArray(Column[]::new);
    long rows = w.overwriteCounted(table, data.select(columns));
    result.count(table.name() + ".rows", rows);
    result.table(table, rows, rows, w.version(table));
  }
}
