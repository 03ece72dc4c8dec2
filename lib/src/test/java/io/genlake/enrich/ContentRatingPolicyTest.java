package io.genlake.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.enrich.ContentRatingPolicy.Decision;
import io.genlake.enrich.ContentRatingPolicy.Status;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentRatingPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ContentRatingPolicy POLICY = new ContentRatingPolicy(Map.of(
      "light_flirt", "light", "deep_flirt", "deep", "intimate", "deep", "very_intimate", "intense"));

  private static Decision decide(String context) throws Exception {
    JsonNode node = JSON.readTree(context);
    return POLICY.decide(Optional.of(node));
  }

  /** Seed 001 phase 4: "very_intimate" → band "intense" → "mature_implied", clamped to "romantic" by the world. */
  @Test
  void seedExampleIsClampedByTheWorldMaximum() throws Exception {
    assertEquals(Optional.of("intense"), POLICY.band("very_intimate"));
    Decision d = decide("{\"intimacyLevelId\": \"very_intimate\", \"worldMaxRating\": \"romantic\"}");
    assertEquals(new Decision(Optional.of(Rating.MATURE_IMPLIED), Rating.ROMANTIC, Optional.of(Rating.ROMANTIC),
        Status.RATED), d);
    assertTrue(d.violates());
  }

  @ParameterizedTest
  @CsvSource({
      "light_flirt, restricted, restricted, romantic",
      "deep_flirt, mature_implied, sfw, sfw",
      "very_intimate, restricted, mature_implied, mature_implied",
      "very_intimate, sfw, restricted, sfw"})
  void clampedByTheLowerOfWorldAndUser(String level, String world, String user, String expected) throws Exception {
    Decision d = decide("{\"intimacyLevelId\": \"" + level + "\", \"worldMaxRating\": \"" + world
        + "\", \"userMaxRating\": \"" + user + "\"}");
    assertEquals(Rating.of(expected), d.rating());
  }

  @Test
  void withinTheLimitIsNoViolation() throws Exception {
    Decision d = decide("{\"intimacyLevelId\": \"light_flirt\", \"worldMaxRating\": \"mature_implied\"}");
    assertEquals(Optional.of(Rating.ROMANTIC), d.rating());
    assertFalse(d.violates());
  }

  @Test
  void explicitBandOrRatingWhenTheLevelIsUnknown() throws Exception {
    assertEquals(Optional.of(Rating.MATURE_IMPLIED), decide("{\"intimacyBand\": \"intense\"}").requested());
    assertEquals(Optional.of(Rating.RESTRICTED),
        decide("{\"intimacyLevelId\": \"custom\", \"contentRating\": \"restricted\"}").requested());
  }

  @Test
  void badContextsAreStatusesNotErrors() throws Exception {
    assertEquals(Status.NONE, POLICY.decide(Optional.empty()).status());
    assertEquals(Status.INVALID_JSON, POLICY.decide(Optional.of(JSON.readTree("\"text\""))).status());
    Decision unknown = decide("{\"intimacyLevelId\": \"custom\"}");
    assertEquals(new Decision(Optional.empty(), Rating.RESTRICTED, Optional.empty(), Status.UNKNOWN_INTIMACY), unknown);
    Decision badMax = decide("{\"intimacyLevelId\": \"very_intimate\", \"worldMaxRating\": \"pg13\","
        + " \"userMaxRating\": \"romantic\"}");
    assertEquals(new Decision(Optional.of(Rating.MATURE_IMPLIED), Rating.ROMANTIC, Optional.of(Rating.ROMANTIC),
        Status.UNKNOWN_MAX_RATING), badMax);
  }

  @Test
  void unknownBandInConfigFailsWithAFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ContentRatingPolicy(Map.of("x", "extreme")));
    assertEquals("Intimacy level x maps to unknown band extreme: expected one of none, light, deep, intense."
        + " Fix enrich.intimacy_bands.", e.getMessage());
  }
}
