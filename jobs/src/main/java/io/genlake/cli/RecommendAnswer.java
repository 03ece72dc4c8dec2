package io.genlake.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genlake.config.PreferenceConfig;
import io.genlake.preference.Advisor;
import io.genlake.preference.KeywordExtractor;
import io.genlake.preference.KeywordNormalizer;
import io.genlake.preference.Pools;
import io.genlake.preference.Recommender;
import io.genlake.preference.Scores;
import io.genlake.preference.ServingSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON answer of {@code genlake recommend}: the ranked checkpoints, each with the keywords that drove its score;
 * the recommended checkpoint's mode and confidence; the LoRAs that work for the prompt with their strengths; the
 * suggested parameters; the Thompson draw; notes on unknown keywords and checkpoints; the decay it was read with.
 * Pure Java over the snapshot; O(keywords x candidates) lookups.
 */
final class RecommendAnswer {
  private RecommendAnswer() {}

  static ObjectNode answer(ServingSnapshot snapshot, PreferenceConfig config, String prompt, List<String> checkpoints,
      Optional<String> user, Optional<String> family, String tier) {
    KeywordExtractor extractor = KeywordExtractor.from(config, KeywordNormalizer.identity());
    Scores scores = Scores.from(config);
    Recommender recommender = new Recommender(scores, new Recommender.Policy(config.exploitConfidence(),
        config.exploreConfidence(), config.exploreCount(),
        config.thompsonSampling() || config.ranking() == PreferenceConfig.Ranking.THOMPSON, config.thompsonDraws(),
        config.ranking()));
    Pools pools = new Pools(config.checkpointPools(), snapshot.checkpointsByPopularity());
    List<String> candidates = !checkpoints.isEmpty() ? checkpoints
        : family.flatMap(f -> pools.pool(f, tier)).orElse(pools.observed());
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("No candidate checkpoints: the snapshot has no statistics yet and no pool "
          + "was chosen. Pass --checkpoints a,b,c or --family/--tier of a configured pool.");
    }
    List<String> keywords = extractor.keywords(prompt);
    Recommender.Recommendation rec = recommender.recommend(snapshot, keywords, candidates, user,
        (long) prompt.hashCode() * 31 + user.orElse("").hashCode());
    JsonNodeFactory m = JsonNodeFactory.instance;
    ObjectNode out = m.objectNode();
    out.put("prompt", prompt);
    strings(out.putArray("keywords"), keywords);
    strings(out.putArray("unknown_keywords"), rec.unknownKeywords());
    user.ifPresent(u -> out.put("user", u).put("personalized", snapshot.knowsUser(u)));
    out.put("recommended", rec.recommended());
    out.put("mode", rec.mode().label());
    strings(out.putArray("to_try"), rec.toTry());
    out.put("confidence", rec.confidence());
    out.put("ranking_method", config.ranking().label());
    boolean byKeyword = rec.unknownKeywords().size() < keywords.size();
    ArrayNode ranking = out.putArray("ranking");
    ArrayNode unknown = m.arrayNode();
    for (Recommender.CheckpointScore c : rec.ranking()) {
      ObjectNode r = ranking.addObject().put("checkpoint", c.checkpoint()).put("score", c.score())
          .put("evidence", c.evidence());
      if (byKeyword) {
        ArrayNode drivers = r.putArray("explanation");
        for (Recommender.KeywordDriver d : recommender.explain(snapshot, keywords, c.checkpoint(), user)) {
          ObjectNode x = drivers.addObject().put("keyword", d.keyword()).put("selected", d.selected())
              .put("total", d.total());
          if (user.isPresent()) {
            x.put("user_selected", d.userSelected()).put("user_total", d.userTotal());
          }
          x.put("decayed_total", d.decayedTotal()).put("weight", d.weight()).put("score", d.score())
              .put("contribution", d.contribution());
        }
      }
      if (!c.known() && snapshot.checkpointTotals(c.checkpoint()).total() == 0) {
        unknown.add(c.checkpoint());
      }
    }
    out.set("unknown_checkpoints", unknown);
    Advisor.Advice advice = new Advisor(scores, config.maxLoras()).advise(snapshot, keywords, rec.recommended());
    ArrayNode loras = out.putArray("loras");
    for (Advisor.LoraAdvice l : advice.loras()) {
      ObjectNode x = loras.addObject().put("lora", l.lora()).put("score", l.score()).put("evidence", l.evidence())
          .put("selected", l.selected()).put("total", l.total());
      number(x, "strength", Math.round(l.strength() * 100) / 100.0);
      number(x, "strength_sd", l.strengthSd());
      x.put("strength_evidence", l.strengthEvidence());
      number(x, "rejected_strength", l.rejectedStrength());
    }
    ObjectNode parameters = out.putObject("parameters");
    for (Advisor.ParameterAdvice p : advice.parameters()) {
      ObjectNode x = parameters.putObject(p.parameter()).put("value", p.value());
      number(x, p.parameter().equals("sampler") ? "score" : "mean", p.mean());
      number(x, "sd", p.sd());
      x.put("evidence", p.evidence());
      number(x, "rejected_mean", p.rejectedMean());
    }
    rec.thompsonChoice().ifPresent(c -> out.put("thompson_choice", c));
    ObjectNode probabilities = out.putObject("choice_probabilities");
    for (Map.Entry<String, Double> e : rec.choiceProbabilities().entrySet()) {
      probabilities.put(e.getKey(), e.getValue());
    }
    note(out, keywords, rec, unknown.size(), config);
    out.put("snapshot_as_of", snapshot.asOf().toString());
    ObjectNode decay = out.putObject("decay").put("time_constant_days", snapshot.timeConstantDays())
        .put("half_life_days", snapshot.timeConstantDays() * Math.log(2)).put("anchor", snapshot.anchorMode());
    snapshot.globalAnchor().ifPresent(a -> decay.put("shared_anchor", a.toString()));
    user.flatMap(snapshot::userAnchor).ifPresent(a -> decay.put("user_anchor", a.toString()));
    return out;
  }

  private static void note(ObjectNode out, List<String> keywords, Recommender.Recommendation rec, int unknownCheckpoints,
      PreferenceConfig config) {
    if (keywords.isEmpty()) {
      out.put("note", "The prompt has no keywords (only stop words, short words or LoRA tags): checkpoints are ranked "
          + "by their overall scores, so the answer explores.");
    } else if (rec.unknownKeywords().size() == keywords.size()) {
      out.put("note", "None of the prompt's keywords has statistics: checkpoints are ranked by their overall scores "
          + "(all prompts), so the answer explores.");
    } else if (!rec.unknownKeywords().isEmpty()) {
      out.put("note", "Keywords without statistics score the prior " + config.seedPrior() + ": "
          + String.join(", ", rec.unknownKeywords()) + ".");
    } else if (unknownCheckpoints > 0) {
      out.put("note", "Checkpoints without statistics score the prior " + config.seedPrior() + ".");
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** A number, or null for NaN (JSON has no NaN). */
  private static void number(ObjectNode node, String field, double v) {
    if (Double.isNaN(v)) {
      node.putNull(field);
    } else {
      node.put(field, v);
    }
  }
}
