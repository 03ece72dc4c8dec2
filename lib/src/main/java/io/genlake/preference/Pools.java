package io.genlake.preference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoints to choose from: configured pools keyed {@code <model_family>_<tier>}; a family without a
 * configured pool (or no family) falls back to the {@value #OBSERVED} pool, the most selected checkpoints of
 * the statistics (at most {@value #OBSERVED_SIZE}).
 */
public final class Pools implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Name of the fallback pool. */
  public static final String OBSERVED = "observed";
  static final int OBSERVED_SIZE = 10;

  private final Map<String, List<String>> configured;
  private final List<String> observed;

  public Pools(Map<String, List<String>> configured, List<String> popularFirst) {
    this.configured = new TreeMap<>(configured);
    this.observed = List.copyOf(popularFirst.subList(0, Math.min(OBSERVED_SIZE, popularFirst.size())));
  }

  /** Pool name to checkpoints for a model family: its configured tiers, else the observed pool (if any). */
  public Map<String, List<String>> forFamily(Optional<String> family) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (family.isPresent()) {
      String prefix = family.get() + "_";
      configured.forEach((name, list) -> {
        if (name.startsWith(prefix) && !list.isEmpty()) {
          out.put(name, list);
        }
      });
    }
    if (out.isEmpty() && !observed.isEmpty()) {
      out.put(OBSERVED, observed);
    }
    return out;
  }

  /** One configured pool by family and tier. */
  public Optional<List<String>> pool(String family, String tier) {
    return Optional.ofNullable(configured.get(family + "_" + tier));
  }

  /** Whether any configured pool lists the checkpoint. */
  public boolean isConfigured(String checkpoint) {
    for (List<String> l : configured.values()) {
      if (l.contains(checkpoint)) {
        return true;
      }
    }
    return false;
  }

  /** The observed pool (most selected checkpoints first). */
  public List<String> observed() {
    return new ArrayList<>(observed);
  }
}
