package io.genlake.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genlake.testing.FitFixtures;
import io.genlake.testing.TestSpark;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code silver.block_fit_ratings_latest} keeps the latest rating per user and role, as the Java view does. */
class ViewsTest {
  @Test
  void theLatestRatingPerUserAndRoleIsAViewOverEveryRating(@TempDir Path dir) {
    Warehouse w = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
    FitFixtures.append(w, SilverBlockFitRatings.SPEC, List.of(
        rating("k1", "u1", "initial", 2, "2026-11-01 10:00:00"),
        rating("k2", "u1", "initial", 5, "2026-11-03 10:00:00"), // u1 re-rates the pair: this one counts
        rating("k3", "u1", "continuation", 3, "2026-11-02 10:00:00"), // another role: its own latest
        rating("k4", "u2", "initial", 1, "2026-11-01 09:00:00")));
    assertEquals(List.of(Views.BLOCK_FIT_RATINGS_LATEST), Views.registerNamed(w,
        "SELECT * FROM silver.block_fit_ratings_latest"));
    List<String> latest = w.spark().sql("SELECT rating_key, fit_rating FROM silver.block_fit_ratings_latest "
        + "ORDER BY rating_key").collectAsList().stream().map(r -> r.getString(0) + "=" + r.getInt(1)).toList();
    assertEquals(List.of("k2=5", "k3=3", "k4=1"), latest);
    List<String> viaJava = SilverBlockFitRatings.latestPerUserAndRole(w.read(SilverBlockFitRatings.TABLE))
        .orderBy(SilverBlockFitRatings.RATING_KEY).collectAsList().stream()
        .map(r -> r.<String>getAs(SilverBlockFitRatings.RATING_KEY) + "="
            + r.<Integer>getAs(SilverBlockFitRatings.FIT_RATING))
        .toList();
    assertEquals(viaJava, latest);
    assertEquals(4L, w.read(SilverBlockFitRatings.TABLE).count(), "every rating stays a row of the table");
    Row columns = w.spark().sql("SELECT * FROM silver.block_fit_ratings_latest LIMIT 1").first();
    assertEquals(SilverBlockFitRatings.SPEC.schema().fieldNames().length, columns.size());
  }

  private static Map<String, Object> rating(String key, String user, String role, int rating, String at) {
    Map<String, Object> m = new HashMap<>();
    m.put("rating_key", key);
    m.put("block_id", "b1");
    m.put("asset_id", "a1");
    m.put("user_id", user);
    m.put("role_in_sequence", role);
    m.put("fit_rating", rating);
    m.put("created_at", Timestamp.valueOf(at));
    return m;
  }
}
