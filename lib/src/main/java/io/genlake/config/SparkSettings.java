package io.genlake.config;

import java.util.Map;

/**
 * How genlake builds its SparkSession when it is not started by spark-submit: master, shuffle partitions, extra
 * {@code spark.*} settings, and whether queries are compiled to Java ({@code codegen}, see
 * {@link io.genlake.spark.ExecutionMode}).
 */
public record SparkSettings(String master, int shufflePartitions, Map<String, String> conf, Codegen codegen,
    int interpretedBelowMb) {

  /** {@code spark.codegen}: compile queries, interpret them, or choose by the size of the data. */
  public enum Codegen {
    AUTO, COMPILED, INTERPRETED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static SparkSettings from(ConfigNode node) {
    node.onlyKeys("master", "shuffle_partitions", "conf", "codegen", "interpreted_below_mb");
    return new SparkSettings(
        node.string("master"), node.integer("shuffle_partitions", 1, 100_000), node.stringMap("conf"),
        Codegen.valueOf(node.oneOf("codegen", Codegen.AUTO.label(), Codegen.COMPILED.label(),
            Codegen.INTERPRETED.label()).toUpperCase(java.util.Locale.ROOT)),
        node.integer("interpreted_below_mb", 0, 1_000_000));
  }

  /** These settings with another master. */
  public SparkSettings withMaster(String other) {
    return new SparkSettings(other, shufflePartitions, conf, codegen, interpretedBelowMb);
  }

  /**
   * These settings for a long-lived session (a server, a notebook): compiled queries under {@code codegen: auto},
   * whatever the warehouse's size, since such a session runs the same plans again (and Spark's interpreted mode
   * cannot decode the objects of {@code spark.catalog().listTables()}); an explicit choice is kept.
   */
  public SparkSettings longLived() {
    return codegen == Codegen.AUTO ? new SparkSettings(master, shufflePartitions, conf, Codegen.COMPILED,
        interpretedBelowMb) : this;
  }

  /** These settings with other shuffle partitions and extra settings. */
  public SparkSettings with(int partitions, Map<String, String> otherConf) {
    return new SparkSettings(master, partitions, otherConf, codegen, interpretedBelowMb);
  }
}
