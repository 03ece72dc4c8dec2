package io.genlake.preference;

import java.io.Serializable;

/**
 * One LoRA in one context (a prompt keyword or a checkpoint) of the shared pool: how often generations using it
 * were selected or rejected (decayed like every pair) and the strengths they used.
 */
public record LoraStats(String lora, PairCounts counts, ValueStats strength) implements Serializable {
  private static final long serialVersionUID = 1L;
}
