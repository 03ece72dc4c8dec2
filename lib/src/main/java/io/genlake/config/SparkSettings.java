package io.genlake.config;

import java.util.Map;

/** How genlake builds its SparkSession when it is not started by spark-submit. */
public record SparkSettings(String master, int shufflePartitions, Map<String, String> conf) {
  static SparkSettings from(ConfigNode node) {
    node.onlyKeys("master", "shuffle_partitions", "conf");
    return new SparkSettings(
        node.string("master"), node.integer("shuffle_partitions", 1, 100_000), node.stringMap("conf"));
  }
}
