package io.genlake.ontology;

import java.io.Serializable;
import java.util.List;

/**
 * What tagging found in some text or block: the ontology IDs (ontology order, implied parents not added),
 * their roles (category names, ontology order), IDs mentioned only under a negation ("no dog"), and block
 * tags that map to no ID (kept, never dropped).
 */
public record Tags(List<String> ids, List<String> roles, List<String> negated, List<String> unmapped)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final Tags EMPTY = new Tags(List.of(), List.of(), List.of(), List.of());

  public Tags {
    ids = List.copyOf(ids);
    roles = List.copyOf(roles);
    negated = List.copyOf(negated);
    unmapped = List.copyOf(unmapped);
  }
}
