package io.genlake.config;

/** ML export settings (see the export package). */
public record ExportConfig(String compression, double trainShare, double validationShare) {
  static ExportConfig from(ConfigNode node) {
    node.onlyKeys("compression", "train_share", "validation_share");
    return new ExportConfig(
        node.oneOf("compression", "zstd", "snappy"),
        node.decimal("train_share", 0.0, 1.0),
        node.decimal("validation_share", 0.0, 1.0));
  }
}
