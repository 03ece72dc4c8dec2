package io.genlake.cli;

import io.genlake.failure.FailureAnalytics;
import io.genlake.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code genlake feedback search "dust"}: seed 004's search_feedback over silver.feedback_attempts. */
@Command(name = "feedback", mixinStandardHelpOptions = true, description = "Feedback knowledge base (seed 004).",
    subcommands = {FeedbackCommand.Search.class})
final class FeedbackCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: search.");
  }

  /** Finds feedback by keyword, newest first. */
  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Find attempts whose feedback text contains KEYWORD (case-insensitive, literal).")
  static final class Search implements Callable<Integer> {
    enum Format { TEXT, JSON }

    @Mixin WarehouseOptions warehouse;

    @Parameters(index = "0", paramLabel = "KEYWORD") String keyword;

    @Option(names = "--limit", defaultValue = "20", description = "Most hits printed. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "text or json (JSON Lines). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() throws Exception {
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("feedback search", warehouse);
      List<FailureAnalytics.FeedbackHit> hits = FailureAnalytics.searchFeedback(w, keyword, limit);
      for (FailureAnalytics.FeedbackHit h : hits) {
        if (format == Format.JSON) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("attempt_id", h.attemptId());
          m.put("material", h.material());
          m.put("category", h.category());
          m.put("feedback_category", h.feedbackCategory().orElse(null));
          m.put("feedback_text", h.feedbackText());
          m.put("realism_score", h.realismScore().orElse(null));
          m.put("passed", h.passed());
          m.put("attempted_at", h.attemptedAt().toInstant().toString());
          System.out.println(JsonOutput.compact(m));
        } else {
          String text = h.feedbackText().length() > 60 ? h.feedbackText().substring(0, 60) + "..." : h.feedbackText();
          System.out.println(h.material() + ": \"" + text + "\"");
        }
      }
      System.err.println("[feedback] " + hits.size() + " match(es) for \"" + keyword + "\"");
      return 0;
    }
  }
}
