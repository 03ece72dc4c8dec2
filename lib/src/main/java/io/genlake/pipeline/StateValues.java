package io.genlake.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A step's state values by structured key ({@link StateKey}), as recorded in {@code ops.step_state.config_hash}:
 * {@code key=value} pairs sorted by key and joined by {@code ;}, e.g.
 * {@code config.preference=3f9a…;run_date=2026-11-21}. The empty string is a step that declares no state.
 *
 * @param values value by key, sorted
 * @param shownAsIs the keys whose changes are shown with their values (dates, numbers)
 */
public record StateValues(SortedMap<String, String> values, java.util.Set<String> shownAsIs) {
  public StateValues {
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    shownAsIs = java.util.Set.copyOf(shownAsIs);
  }

  /** The values of {@code keys} for {@code ctx}. Cost: each key's value (a fingerprint; the ontology reads a file). */
  public static StateValues of(List<StateKey> keys, RunContext ctx) {
    SortedMap<String, String> values = new TreeMap<>();
    java.util.Set<String> asIs = new java.util.HashSet<>();
    for (StateKey k : keys) {
      String v = k.value(ctx);
      if (v.indexOf(';') >= 0 || v.indexOf('=') >= 0) {
        throw new IllegalStateException("State key " + k.key() + " has value '" + v + "' holding ';' or '='");
      }
      if (values.put(k.key(), v) != null) {
        throw new IllegalArgumentException("State key " + k.key() + " is declared twice");
      }
      if (k.shownAsIs()) {
        asIs.add(k.key());
      }
    }
    return new StateValues(values, asIs);
  }

  /** The recorded form: {@code k1=v1;k2=v2}, sorted by key. */
  public String encode() {
    List<String> pairs = new ArrayList<>();
    values.forEach((k, v) -> pairs.add(k + "=" + v));
    return String.join(";", pairs);
  }

  /** The values of a recorded string, or empty when it is not in this form (a run recorded by an older genlake). */
  public static Optional<SortedMap<String, String>> parse(String recorded) {
    SortedMap<String, String> out = new TreeMap<>();
    if (recorded.isEmpty()) {
      return Optional.of(out);
    }
    for (String pair : recorded.split(";", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || !StateKey.KEY.matcher(pair.substring(0, eq)).matches()) {
        return Optional.empty();
      }
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return Optional.of(out);
  }

  /**
   * What differs from {@code recorded}, one phrase per key: {@code config.fit changed},
   * {@code run_date changed (2026-11-20 -> 2026-11-21)}, {@code landing is new}; empty when equal.
   */
  public List<String> changesSince(String recorded) {
    Optional<SortedMap<String, String>> before = parse(recorded);
    if (before.isEmpty()) {
      return List.of("its state was recorded by an older genlake");
    }
    List<String> out = new ArrayList<>();
    SortedMap<String, String> keys = new TreeMap<>(before.get());
    keys.putAll(values);
    for (Map.Entry<String, String> e : keys.entrySet()) {
      String was = before.get().get(e.getKey());
      String now = values.get(e.getKey());
      if (was == null) {
        out.add(e.getKey() + " is new");
      } else if (now == null) {
        out.add(e.getKey() + " is no longer declared");
      } else if (!was.equals(now)) {
        out.add(e.getKey() + " changed" + (shownAsIs.contains(e.getKey()) ? " (" + was + " -> " + now + ")" : ""));
      }
    }
    return out;
  }

  /** For people: the keys, with the values of those shown as they are, e.g. {@code config.fit, run_date 2026-11-21}. */
  public String describe() {
    List<String> out = new ArrayList<>();
    values.forEach((k, v) -> out.add(shownAsIs.contains(k) ? k + " " + v : k));
    return String.join(", ", out);
  }
}
