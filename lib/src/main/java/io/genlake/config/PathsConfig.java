package io.genlake.config;

/** Default locations, relative to the working directory; command-line options override them. */
public record PathsConfig(String landing, String warehouse, String reports, String exports) {
  static PathsConfig from(ConfigNode node) {
    node.onlyKeys("landing", "warehouse", "reports", "exports");
    return new PathsConfig(
        node.string("landing"), node.string("warehouse"), node.string("reports"), node.string("exports"));
  }
}
