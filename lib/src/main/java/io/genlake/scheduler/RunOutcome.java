package io.genlake.scheduler;

import io.genlake.ops.PipelineRuns.Status;
import io.genlake.pipeline.StepReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run went: its overall status (failed when a step failed or was skipped, partial when one finished
 * partially, else succeeded) and each step's status and report, in pipeline order.
 */
public record RunOutcome(Status status, Map<String, Status> steps, Map<String, StepReport> reports) {
  public RunOutcome {
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    reports = Collections.unmodifiableMap(new LinkedHashMap<>(reports));
  }

  /** The overall status of steps that ended with {@code statuses}. */
  static Status overall(Iterable<Status> statuses) {
    Status out = Status.SUCCEEDED;
    for (Status s : statuses) {
      if (s == Status.FAILED || s == Status.SKIPPED || s == Status.INTERRUPTED) {
        return Status.FAILED;
      }
      if (s == Status.PARTIAL) {
        out = Status.PARTIAL;
      }
    }
    return out;
  }

  /** The report of {@code step} (empty when it did not run). */
  public StepReport report(String step) {
    return reports.getOrDefault(step, StepReport.EMPTY);
  }
}
