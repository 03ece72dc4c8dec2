package io.genlake.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one step did, immutable: named counts (e.g. {@code generations.read}), the tables it wrote with rows in and
 * out and the Delta version each commit produced, notes for the run summary, and whether it finished with work
 * left undone ({@code partial}). The scheduler flattens it into one {@code ops.pipeline_runs} row; areas build it
 * with the mutable {@link StepResult} and {@link StepResult#report()}.
 *
 * @param counts named counts, in the order they were first counted
 * @param tables the tables written, in commit order
 * @param notes notes for the run summary
 * @param partial true when the step finished but left work undone (the run's exit status says so)
 */
public record StepReport(Map<String, Long> counts, List<StepResult.TableWrite> tables, List<String> notes,
    boolean partial) {
  /** A step that did nothing worth counting. */
  public static final StepReport EMPTY = new StepReport(Map.of(), List.of(), List.of(), false);

  public StepReport {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(counts, "counts")));
    tables = List.copyOf(tables);
    notes = List.copyOf(notes);
  }

  /** A report holding only {@code note} (a step not run: skipped, or up to date). */
  public static StepReport note(String note) {
    return new StepReport(Map.of(), List.of(), List.of(note), false);
  }

  /** The named count, 0 when it was never counted. */
  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** This report with {@code note} appended. */
  public StepReport withNote(String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(note);
    return new StepReport(counts, tables, more, partial);
  }
}
