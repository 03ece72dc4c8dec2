package io.genlake.pipeline;

import io.genlake.warehouse.TableId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects what one step does while it runs: named counts (e.g. {@code generations.read}), the tables it wrote with
 * rows in and out and the Delta version it committed, and notes for the run summary. A step that finished but had
 * to leave work undone marks itself partial; the command's exit status reflects it. Mutable, for the areas' code to
 * add to as it goes; {@link #report()} gives the immutable {@link StepReport} a step returns.
 */
public final class StepResult {
  /** One table written by a step. */
  public record TableWrite(String table, long rowsIn, long rowsOut, Optional<Long> deltaVersion) {}

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final List<TableWrite> tables = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private boolean partial;

  /** Adds {@code n} to the named count. */
  public StepResult count(String name, long n) {
    counts.merge(name, n, Long::sum);
    return this;
  }

  public StepResult table(TableId table, long rowsIn, long rowsOut, Optional<Long> deltaVersion) {
    tables.add(new TableWrite(table.qualifiedName(), rowsIn, rowsOut, deltaVersion));
    return this;
  }

  public StepResult note(String note) {
    notes.add(note);
    return this;
  }

  /** Marks the step as finished with work left undone; {@code why} goes to the notes. */
  public StepResult partial(String why) {
    partial = true;
    notes.add(why);
    return this;
  }

  /** Merges another result into this one (a step made of sub-steps). */
  public StepResult add(StepResult other) {
    other.counts.forEach(this::count);
    tables.addAll(other.tables);
    notes.addAll(other.notes);
    partial |= other.partial;
    return this;
  }

  public Map<String, Long> counts() {
    return Collections.unmodifiableMap(counts);
  }

  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  public List<TableWrite> tables() {
    return Collections.unmodifiableList(tables);
  }

  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  public boolean isPartial() {
    return partial;
  }

  /** An immutable copy of what was collected so far. */
  public StepReport report() {
    return new StepReport(counts, tables, notes, partial);
  }
}
