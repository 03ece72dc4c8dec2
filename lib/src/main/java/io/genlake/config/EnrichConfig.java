package io.genlake.config;

/** Generation enrichment settings (see the enrich package). */
public record EnrichConfig(String hashAlgorithm) {
  static EnrichConfig from(ConfigNode node) {
    node.onlyKeys("hash_algorithm");
    return new EnrichConfig(node.oneOf("hash_algorithm", "SHA-256"));
  }
}
