package io.genlake.pipeline;

import io.genlake.config.Fingerprint;
import java.util.regex.Pattern;

/**
 * One thing a step's result depends on besides its input tables, under a structured key: a configuration section
 * or key ({@code config.fit}, {@code config.fit.report_blocks}), the run date ({@code run_date}), the landing
 * ({@code landing}), the ontology file ({@code ontology}), the step's code version ({@code code_version}). The
 * scheduler records each key's value with the input versions in {@code ops.step_state}; a step is up to date only
 * when every value is the one recorded at its last successful run, and it may work incrementally from that run
 * only then. Values are short: a date, a number or a fingerprint, never free text.
 */
public interface StateKey {
  /** Keys: lower-case words joined by dots and underscores. */
  Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  /** The structured key, e.g. {@code config.fit}. */
  String key();

  /** The value for {@code ctx}: a date, a number or a fingerprint (no {@code ;} or {@code =}). */
  String value(RunContext ctx);

  /** Whether a change of this value is shown as it is (a date, a number) rather than only as "changed". */
  default boolean shownAsIs() {
    return false;
  }

  /**
   * The configuration section {@code section} ({@code fit}, {@code preference}, …) without {@code exceptKeys}
   * (keys of the section that do not change the step's result). Fails at once on an unknown section or key.
   */
  static StateKey config(String section, String... exceptKeys) {
    return ConfigState.section(section, exceptKeys);
  }

  /** One configuration key, e.g. {@code fit.report_blocks}. Fails at once on an unknown key. */
  static StateKey configKey(String dottedKey) {
    return ConfigState.key(dottedKey);
  }

  /** The run's as-of date ({@link RunContext#runDate()}), shown as it is. */
  static StateKey runDate() {
    return new Fixed("run_date", true, ctx -> ctx.runDate().toString());
  }

  /** The landing directory (a fingerprint of its absolute path). */
  static StateKey landing() {
    return new Fixed("landing", false, ctx -> Fingerprint.of(String.valueOf(ctx.landing())));
  }

  /** The step's code version: bump it when the meaning of the step's output changes, to recompute it in full. */
  static StateKey codeVersion(int version) {
    return new Fixed("code_version", true, ctx -> Integer.toString(version));
  }

  /** A named value fixed when the step is built (e.g. an option of a single-step command). */
  static StateKey value(String key, String value) {
    return new Fixed(key, false, ctx -> Fingerprint.of(value));
  }

  /** A key whose value is computed from the context. */
  record Fixed(String key, boolean shownAsIs, java.util.function.Function<RunContext, String> compute)
      implements StateKey {
    public Fixed {
      if (!KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("Invalid state key '" + key + "': expected lower-case words joined by "
            + "dots or underscores, e.g. config.fit or run_date.");
      }
    }

    @Override
    public String value(RunContext ctx) {
      return compute.apply(ctx);
    }
  }
}
