package io.genlake.preference;

import java.io.Serializable;

/**
 * One parameter in one context (a prompt keyword or a checkpoint) of the shared pool: a numeric generation
 * parameter ({@code value} empty) or one value of a categorical one (a sampler), with what selected and rejected
 * generations used.
 */
public record ParameterStat(String parameter, String value, ValueStats stats) implements Serializable {
  private static final long serialVersionUID = 1L;
}
