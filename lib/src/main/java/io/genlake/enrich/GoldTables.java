package io.genlake.enrich;

import static org.apache.spark.sql.functions.col;

import io.genlake.config.EnrichConfig;
import io.genlake.pipeline.Concurrently;
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
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Recomputes the four gold tables of the enrich step from silver (full overwrite of each, two at a time). */
final class GoldTables {
  /** Tables written at the same time. */
  private static final int WRITES = 2;

  private GoldTables() {}

  static StepResult write(Warehouse w, EnrichConfig config) {
    Dataset<Row> generations = w.read(SilverGenerations.TABLE).filter(col(SilverGenerations.IS_DELETED).equalTo(false));
    // a re-rating by the same user and role replaces the earlier one in the averages, as it did before history was kept
    Dataset<Row> ratings = SilverBlockFitRatings.latestPerUserAndRole(w.readOrEmpty(SilverBlockFitRatings.SPEC));
    Dataset<Row> versions = w.readOrEmpty(SilverPromptVersions.SPEC);
    ContentRatingPolicy policy = new ContentRatingPolicy(config.intimacyBands());
    // four independent tables: written concurrently, so one's planning and commit overlap another's tasks
    List<Concurrently.Call<StepResult>> writes = List.of(
        () -> overwrite(w, GoldReproducibility.TABLE, GoldReproducibility.SCHEMA,
            ReproducibilityReport.build(generations, ratings, config.ratingSpread())),
        () -> overwrite(w, GoldProviderHealth.TABLE, GoldProviderHealth.SCHEMA,
            ProviderHealthReport.build(generations, config.failureReasonsTop())),
        () -> overwrite(w, GoldPromptVersionPerformance.TABLE, GoldPromptVersionPerformance.SCHEMA,
            PromptVersionReport.build(generations, versions, ratings)),
        () -> overwrite(w, GoldContentRatingViolations.TABLE, GoldContentRatingViolations.SCHEMA,
            ViolationsReport.build(generations, policy)));
    StepResult result = new StepResult();
    Concurrently.calls(WRITES, writes).forEach(result::add);
    return result;
  }

  /** Writes {@code data} conformed to the contract {@code schema}: its columns, in its order, of its types. */
  private static StepResult overwrite(Warehouse w, TableId table, StructType schema, Dataset<Row> data) {
    Column[] columns = Arrays.stream(schema.fields()).map(f -> col(f.name()).cast(f.dataType())).toArray(Column[]::new);
    long rows = w.overwriteCounted(table, data.select(columns));
    return new StepResult().count(table.name() + ".rows", rows).table(table, rows, rows, w.version(table));
  }
}
