package io.genlake.serve;

import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /api/recommend} answers: the checkpoint recommendation for a prompt, as the exact text
 * {@code genlake recommend} prints, so {@code bin/genlake recommend} can hand its question to a running
 * {@code genlake serve} and skip a JVM start. Implemented where the recommendation is assembled (the CLI module);
 * a server without it answers 404 on that path.
 */
@FunctionalInterface
public interface RecommendService {
  /**
   * The answer's JSON text for {@code prompt} over {@code checkpoints} (empty: the pool of {@code family}/{@code tier},
   * else the most selected), personalized for {@code user} when given.
   *
   * @throws IllegalArgumentException for a question that has no answer (an empty prompt, no candidates)
   * @throws IllegalStateException when the warehouse has no preference snapshot yet
   */
  String answer(String prompt, List<String> checkpoints, Optional<String> user, Optional<String> family, String tier);
}
