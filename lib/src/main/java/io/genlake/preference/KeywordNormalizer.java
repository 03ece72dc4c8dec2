package io.genlake.preference;

import java.io.Serializable;

/**
 * Maps a keyword to its canonical form before it is counted, e.g. "photo-realistic" and "photoreal" to one
 * ontology term. The identity by default; an ontology-backed implementation can be plugged in without this
 * package depending on it. Must be serializable: Spark ships it to executors.
 */
@FunctionalInterface
public interface KeywordNormalizer extends Serializable {
  /** The canonical keyword, or the keyword itself. */
  String normalize(String keyword);

  /** Keeps keywords as extracted. */
  static KeywordNormalizer identity() {
    return k -> k;
  }
}
