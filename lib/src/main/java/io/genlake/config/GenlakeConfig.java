package io.genlake.config;

/**
 * The whole genlake configuration: immutable, validated, bound from the merged YAML by {@link ConfigLoader}.
 * Each section is owned by one package and validates its own keys.
 */
public record GenlakeConfig(
    PathsConfig paths,
    SparkSettings spark,
    IngestConfig ingest,
    FitConfig fit,
    PreferenceConfig preference,
    FailureConfig failure,
    EnrichConfig enrich,
    ExportConfig export,
    ServeConfig serve) {

  /** This configuration with another failure section (e.g. a command-line option overriding one of its keys). */
  public GenlakeConfig withFailure(FailureConfig failure) {
    return new GenlakeConfig(paths, spark, ingest, fit, preference, failure, enrich, export, serve);
  }

  static GenlakeConfig from(ConfigNode root) {
    root.onlyKeys("paths", "spark", "ingest", "fit", "preference", "failure", "enrich", "export", "serve");
    return new GenlakeConfig(
        PathsConfig.from(root.child("paths")),
        SparkSettings.from(root.child("spark")),
        IngestConfig.from(root.child("ingest")),
        FitConfig.from(root.child("fit")),
        PreferenceConfig.from(root.child("preference")),
        FailureConfig.from(root.child("failure")),
        EnrichConfig.from(root.child("enrich")),
        ExportConfig.from(root.child("export")),
        ServeConfig.from(root.child("serve")));
  }
}
