package io.genlake.config;

/** Preference learning settings (see the preference package). */
public record PreferenceConfig(double decayDays) {
  static PreferenceConfig from(ConfigNode node) {
    node.onlyKeys("decay_days");
    return new PreferenceConfig(node.decimal("decay_days", 0.001, 1e9));
  }
}
