package io.genlake.ontology;

import java.io.Serializable;

/**
 * A group of ontology terms sharing an ID prefix and a role in fit scoring: a required category penalizes
 * a block ID the asset lacks ({@code weight}) or contradicts ({@code conflictWeight}); a soft category adds
 * {@code weight} for each block ID the asset shares.
 */
public record Category(String name, String prefix, String label, boolean required, double weight,
    double conflictWeight) implements Serializable {
  private static final long serialVersionUID = 1L;
}
