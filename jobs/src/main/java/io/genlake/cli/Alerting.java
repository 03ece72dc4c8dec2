package io.genlake.cli;

import io.genlake.failure.FailureAnalytics;
import io.genlake.failure.Views;
import io.genlake.pipeline.RunContext;
import java.util.List;
import java.util.OptionalInt;

/**
 * The opt-in exit status for schedulers (failure.alerts.exit_on): after a successful run, {@link
 * FailureAnalytics#EXIT_ALERTS} when gold.alerts holds an alert at least that severe, with the alerts printed to
 * standard error; 0 otherwise.
 */
final class Alerting {
  private Alerting() {}

  static int exitStatus(RunContext ctx) {
    OptionalInt status = FailureAnalytics.alertExitStatus(ctx.warehouse(), ctx.config().failure());
    if (status.isEmpty()) {
      return 0;
    }
    List<Views.Alert> alerts = FailureAnalytics.alerts(ctx.warehouse());
    System.err.println("[alerts] " + alerts.size() + " alert(s) raised; exit status " + status.getAsInt()
        + " because failure.alerts.exit_on is " + ctx.config().failure().alerts().exitOn() + ":");
    alerts.forEach(a -> System.err.println("[alerts] " + a.severity() + " " + a.rule() + ": " + a.message()));
    return status.getAsInt();
  }
}
