package io.genlake.config;

/** Fit scoring settings (see the fit package). */
public record FitConfig(int topK) {
  static FitConfig from(ConfigNode node) {
    node.onlyKeys("top_k");
    return new FitConfig(node.integer("top_k", 1, 10_000));
  }
}
