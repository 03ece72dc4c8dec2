package io.genlake.pipeline;

import io.genlake.config.Fingerprint;
import io.genlake.config.GenlakeConfig;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@link StateKey}s over the configuration: a section of {@link GenlakeConfig} (a record component such as
 * {@code fit}) or one key of it ({@code fit.report_blocks}, the YAML name of the section record's component
 * {@code reportBlocks}). The value is the fingerprint of the bound, validated values, so a change of formatting
 * or of an unrelated section does not change it. Names are checked when the key is built.
 */
final class ConfigState implements StateKey {
  private final String key;
  private final Function<GenlakeConfig, Object> part;

  private ConfigState(String key, Function<GenlakeConfig, Object> part) {
    this.key = key;
    this.part = part;
  }

  static ConfigState section(String section, String... exceptKeys) {
    RecordComponent s = component(GenlakeConfig.class, section, "section");
    Set<String> except = Set.copyOf(Arrays.asList(exceptKeys));
    List<RecordComponent> kept = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (RecordComponent c : s.getType().getRecordComponents()) {
      known.add(yamlName(c.getName()));
      if (!except.contains(yamlName(c.getName()))) {
        kept.add(c);
      }
    }
    for (String e : except) {
      if (!known.contains(e)) {
        throw new IllegalArgumentException("Unknown configuration key " + section + "." + e + ": " + section
            + " has " + known + ".");
      }
    }
    return new ConfigState("config." + section, config -> {
      Object values = read(s, config);
      Map<String, Object> out = new TreeMap<>();
      kept.forEach(c -> out.put(c.getName(), read(c, values)));
      return out;
    });
  }

  static ConfigState key(String dottedKey) {
    int dot = dottedKey.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("Configuration key '" + dottedKey + "' must be <section>.<key>, e.g. "
          + "fit.report_blocks.");
    }
    RecordComponent s = component(GenlakeConfig.class, dottedKey.substring(0, dot), "section");
    RecordComponent k = component(s.getType(), dottedKey.substring(dot + 1), "key of " + s.getName());
    return new ConfigState("config." + dottedKey, config -> read(k, read(s, config)));
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String value(RunContext ctx) {
    return Fingerprint.of(part.apply(ctx.config()));
  }

  @Override
  public String toString() {
    return key;
  }

  private static RecordComponent component(Class<?> type, String yamlName, String what) {
    List<String> names = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      if (yamlName(c.getName()).equals(yamlName)) {
        return c;
      }
      names.add(yamlName(c.getName()));
    }
    throw new IllegalArgumentException("Unknown configuration " + what + " '" + yamlName + "': expected one of "
        + names + ".");
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + c.getName() + " of " + record.getClass().getName(), e);
    }
  }

  /** {@code reportBlocks} -> {@code report_blocks}: the YAML key of a record component. */
  static String yamlName(String component) {
    StringBuilder b = new StringBuilder();
    for (char ch : component.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
