package io.genlake.scheduler;

import io.genlake.ops.StepState;
import io.genlake.pipeline.PinnedInputs;
import io.genlake.pipeline.RunContext;
import io.genlake.pipeline.StateValues;
import io.genlake.pipeline.Step;
import io.genlake.warehouse.Layer;
import io.genlake.warehouse.TableId;
import io.genlake.warehouse.Warehouse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with one step, decided right before it would start: its inputs pinned at their current versions, its
 * state values computed, and both compared with what {@code ops.step_state} recorded at its last successful run.
 *
 * @param upToDate true when the step need not run: same input versions, same state, its output file present
 * @param note why, for the progress line and the ops row ("" when there is nothing to say)
 * @param inputs the pinned versions and, when the step may work incrementally, the baseline
 * @param full true when the step must recompute everything (--full, or its recorded versions are unreadable)
 * @param state the step's state values, recorded with the versions after a success
 */
record Plan(boolean upToDate, String note, PinnedInputs inputs, boolean full, StateValues state) {
  /**
   * Decides for {@code step} under {@code ctx}, given what it last {@code processed}. With {@code always} (a command
   * that names the step) the step runs even when up to date, still from its baseline. Cost: a Delta log check per
   * input, each state value (the ontology is one small file), and, when recorded versions are behind, a check that
   * they are still readable.
   */
  static Plan decide(RunContext ctx, Step step, StepState.Processed processed, boolean always) {
    Warehouse w = ctx.warehouse();
    Map<TableId, Long> pinned = PinnedInputs.pin(w, step.inputs());
    StateValues state = StateValues.of(step.state(), ctx);
    if (ctx.full()) {
      return new Plan(false, "", new PinnedInputs(w, pinned, Optional.empty(), ""), true, state);
    }
    boolean recorded = !processed.versions().isEmpty();
    List<String> changedInputs = recorded ? changedInputs(processed.versions(), names(pinned)) : List.of();
    List<String> changedState = recorded ? state.changesSince(processed.configHash().orElse("")) : List.of();
    List<String> why = new ArrayList<>(changedInputs);
    why.addAll(changedState);
    step.outputFile(ctx).filter(f -> !Files.exists(f))
        .ifPresent(f -> why.add("its output " + f + " is missing"));
    if (step.inputs().isEmpty()) {
      return new Plan(false, "", new PinnedInputs(w, pinned, Optional.empty(), "it reads no tables"), false, state);
    }
    if (!recorded) {
      String none = "no successful run recorded in ops.step_state";
      return new Plan(false, "runs: " + none, new PinnedInputs(w, pinned, Optional.empty(), none), false, state);
    }
    if (why.isEmpty() && !always) {
      String same = state.values().isEmpty() ? "" : ", same " + state.describe();
      return new Plan(true, "up to date: inputs unchanged since its last successful run (" + names(pinned) + ")"
          + same, new PinnedInputs(w, pinned, Optional.empty(), "up to date"), false, state);
    }
    if (!changedInputs.isEmpty()) {
      Optional<String> gone = StepState.unavailable(w, processed.versions());
      if (gone.isPresent()) {
        return new Plan(false, gone.get() + "; running a full recompute of this step",
            new PinnedInputs(w, pinned, Optional.empty(), gone.get()), true, state);
      }
    }
    Optional<String> whyFull = changedState.isEmpty() ? baselineGap(w, step, processed, pinned)
        : Optional.of(String.join("; ", changedState) + " since its last successful run");
    PinnedInputs inputs = whyFull.isPresent() ? new PinnedInputs(w, pinned, Optional.empty(), whyFull.get())
        : new PinnedInputs(w, pinned, Optional.of(tables(processed.versions())), "");
    return new Plan(false, why.isEmpty() ? "" : "runs: " + String.join("; ", why), inputs, false, state);
  }

  /** Why the recorded versions cannot be a baseline though the state is the same: an unread input, a missing output. */
  private static Optional<String> baselineGap(Warehouse w, Step step, StepState.Processed processed,
      Map<TableId, Long> pinned) {
    for (TableId in : pinned.keySet()) {
      if (!processed.versions().containsKey(in.qualifiedName())) {
        return Optional.of(in + " was not read by its last successful run");
      }
    }
    for (TableId out : step.outputs()) {
      if (!w.exists(out)) {
        return Optional.of(out + " does not exist yet");
      }
    }
    return Optional.empty();
  }

  /** The versions to record after a success: the pinned ones, or the step's own later commit to an input it writes. */
  Map<String, Long> versionsToRecord(Step step, io.genlake.pipeline.StepReport report) {
    Map<String, Long> out = new LinkedHashMap<>();
    inputs.versions().forEach((t, v) -> {
      long recorded = v;
      if (step.outputs().contains(t)) {
        // no other writer since the pin: steps writing t never overlap, and the warehouse lock keeps others out
        for (var write : report.tables()) {
          if (write.table().equals(t.qualifiedName()) && write.deltaVersion().isPresent()) {
            recorded = Math.max(recorded, write.deltaVersion().get());
          }
        }
      }
      out.put(t.qualifiedName(), recorded);
    });
    return out;
  }

  private static Map<String, Long> names(Map<TableId, Long> versions) {
    Map<String, Long> out = new LinkedHashMap<>();
    versions.forEach((t, v) -> out.put(t.qualifiedName(), v));
    return out;
  }

  private static Map<TableId, Long> tables(Map<String, Long> versions) {
    Map<TableId, Long> out = new LinkedHashMap<>();
    versions.forEach((name, v) -> {
      int dot = name.indexOf('.');
      out.put(new TableId(Layer.valueOf(name.substring(0, dot).toUpperCase(Locale.ROOT)), name.substring(dot + 1)), v);
    });
    return out;
  }

  private static List<String> changedInputs(Map<String, Long> before, Map<String, Long> now) {
    List<String> out = new ArrayList<>();
    now.forEach((table, v) -> {
      Long was = before.get(table);
      if (was == null) {
        out.add(table + " is new (version " + v + ")");
      } else if (!Objects.equals(was, v)) {
        out.add(table + " changed (version " + was + " -> " + v + ")");
      }
    });
    before.keySet().stream().filter(t -> !now.containsKey(t)).forEach(t -> out.add(t + " no longer exists"));
    return out;
  }
}
