package io.genlake.preference;

import io.genlake.table.GoldCheckpointRecommendations;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code gold.checkpoint_recommendations} for a day's prompts: the serving snapshot is broadcast and each
 * (user, prompt, family) is ranked per pool by the same {@link Recommender} the {@code recommend} command uses, with
 * the same explanation and {@link Advisor} advice. Per-row Java (keyword lookups), no shuffle.
 */
final class Recommendations {
  private Recommendations() {}

  /** The Thompson seed of one recommendation: reproducible from its inputs. */
  static long seed(String user, String prompt, String pool) {
    return ((long) user.hashCode() << 32) ^ ((long) prompt.hashCode() * 31 + pool.hashCode());
  }

  /**
   * @param prompts rows of (user_id non-null, prompt non-blank, model_family nullable)
   * @param promptsDate the day the prompts are from
   */
  static Dataset<Row> compute(Dataset<Row> prompts, ServingSnapshot snapshot, Pools pools, Recommender recommender,
      Advisor advisor, KeywordExtractor extractor, LocalDate runDate, LocalDate promptsDate) {
    Broadcast<ServingSnapshot> snap = JavaSparkContext.fromSparkContext(prompts.sparkSession().sparkContext())
        .broadcast(snapshot);
    return prompts.flatMap(ranker(snap::value, pools, recommender, advisor, extractor, runDate, promptsDate),
        Encoders.row(GoldCheckpointRecommendations.SCHEMA));
  }

  /**
   * {@link #compute} of prompts held on the driver (a small day's): the same ranking of each prompt, without a
   * broadcast or a Spark job. Rows of {@link GoldCheckpointRecommendations#SCHEMA}.
   */
  static List<Row> computeLocally(List<Row> prompts, ServingSnapshot snapshot, Pools pools, Recommender recommender,
      Advisor advisor, KeywordExtractor extractor, LocalDate runDate, LocalDate promptsDate) {
    FlatMapFunction<Row, Row> rank = ranker(() -> snapshot, pools, recommender, advisor, extractor, runDate,
        promptsDate);
    List<Row> out = new ArrayList<>();
    try {
      for (Row r : prompts) {
        rank.call(r).forEachRemaining(out::add);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // the ranking throws no checked exception; FlatMapFunction declares one
    }
    return out;
  }

  /** Where the ranking reads the snapshot: a broadcast's value in Spark tasks, the snapshot itself on the driver. */
  interface SnapshotSource extends java.io.Serializable {
    ServingSnapshot get();
  }

  /** Ranks one (user, prompt, family) row into one recommendation row per pool of its family. */
  private static FlatMapFunction<Row, Row> ranker(SnapshotSource snap, Pools pools, Recommender recommender,
      Advisor advisor, KeywordExtractor extractor, LocalDate runDate, LocalDate promptsDate) {
    Date day = Date.valueOf(runDate);
    Date from = Date.valueOf(promptsDate);
    return r -> {
      String user = r.getString(0);
      String prompt = r.getString(1);
      Optional<String> family = Optional.ofNullable(r.isNullAt(2) ? null : r.getString(2));
      List<String> keywords = extractor.keywords(prompt);
      Optional<String> scopeUser = user.isEmpty() ? Optional.empty() : Optional.of(user);
      ServingSnapshot s = snap.get();
      List<Row> out = new ArrayList<>();
      for (Map.Entry<String, List<String>> pool : pools.forFamily(family).entrySet()) {
        Recommender.Recommendation rec = recommender.recommend(s, keywords, pool.getValue(), scopeUser,
            seed(user, prompt, pool.getKey()));
        Map<String, Double> scores = new LinkedHashMap<>();
        double score = 0;
        for (Recommender.CheckpointScore c : rec.ranking()) {
          scores.put(c.checkpoint(), c.score());
          score = c.checkpoint().equals(rec.recommended()) ? c.score() : score;
        }
        List<Row> drivers = new ArrayList<>();
        if (rec.unknownKeywords().size() < keywords.size()) {
          for (Recommender.KeywordDriver d : recommender.explain(s, keywords, rec.recommended(), scopeUser)) {
            drivers.add(RowFactory.create(d.keyword(), d.selected() + d.userSelected(), d.total() + d.userTotal(),
                d.decayedTotal(), d.weight(), d.score(), d.contribution()));
          }
        }
        Advisor.Advice advice = advisor.advise(s, keywords, rec.recommended());
        List<Row> loras = new ArrayList<>();
        for (Advisor.LoraAdvice l : advice.loras()) {
          loras.add(RowFactory.create(l.lora(), l.score(), l.evidence(), orNull(l.strength()), orNull(l.strengthSd()),
              l.strengthEvidence(), orNull(l.rejectedStrength())));
        }
        List<Row> parameters = new ArrayList<>();
        for (Advisor.ParameterAdvice p : advice.parameters()) {
          parameters.add(RowFactory.create(p.parameter(), p.value(), p.mean(), orNull(p.sd()), p.evidence(),
              orNull(p.rejectedMean())));
        }
        out.add(RowFactory.create(day, from, user, prompt, family.orElse(null), pool.getKey(),
            keywords.toArray(new String[0]), rec.recommended(), rec.mode().label(), rec.toTry().toArray(new String[0]),
            rec.confidence(), score, scalaMap(scores), rec.thompsonChoice().orElse(null),
            scalaMap(rec.choiceProbabilities()), rec.unknownKeywords().toArray(new String[0]), PairStats.toSeq(drivers),
            PairStats.toSeq(loras), PairStats.toSeq(parameters)));
      }
      return out.iterator();
    };
  }

  /** NaN (no observation) as SQL null. */
  static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static scala.collection.Map<String, Double> scalaMap(Map<String, Double> m) {
    return scala.collection.JavaConverters.mapAsScalaMap(m);
  }
}
