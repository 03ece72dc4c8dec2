package io.genlake.ontology;

import java.io.Serializable;
import java.util.List;

/**
 * One ontology ID ({@code cam:from_behind}) with its dense {@code index} (position in the file, used for
 * bitsets), category name, label, keywords (single words or phrases), and declared relations.
 */
public record Term(String id, int index, String category, String label, List<String> keywords,
    List<String> conflictsWith, List<String> implies) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Term {
    keywords = List.copyOf(keywords);
    conflictsWith = List.copyOf(conflictsWith);
    implies = List.copyOf(implies);
  }

  /** The part after the prefix: {@code from_behind} for {@code cam:from_behind}. */
  public String name() {
    return id.substring(id.indexOf(':') + 1);
  }
}
