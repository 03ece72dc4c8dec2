package io.genlake.table;

import io.genlake.warehouse.TableSpec;
import java.util.List;

/** Every silver table contract, in dependency order (reference data first). */
public final class SilverTables {
  public static final List<TableSpec> ALL = List.of(
      SilverPromptVersions.SPEC,
      SilverSessions.SPEC,
      SilverActionBlocks.SPEC,
      SilverAssets.SPEC,
      SilverGenerations.SPEC,
      SilverBlockFitRatings.SPEC,
      SilverImageRatings.SPEC,
      SilverPreferenceEvents.SPEC,
      SilverFeedbackAttempts.SPEC);

  private SilverTables() {}
}
