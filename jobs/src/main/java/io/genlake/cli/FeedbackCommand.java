package io.genlake.cli;

import io.genlake.failure.FailureAnalytics;
import io.genlake.failure.Views;
import io.genlake.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code genlake feedback <search|best|suggest>}: seed 004's feedback knowledge base: search by keyword, the best
 * distinct texts of a feedback category, and the auto-feedback suggestions for a category or an issue.
 */
@Command(name = "feedback", mixinStandardHelpOptions = true, description = "Feedback knowledge base (seed 004).",
    subcommands = {FeedbackCommand.Search.class, FeedbackCommand.Best.class, FeedbackCommand.Suggest.class})
final class FeedbackCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: search, best or suggest.");
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
      List<Views.FeedbackHit> hits = FailureAnalytics.searchFeedback(w, keyword, limit);
      for (Views.FeedbackHit h : hits) {
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

  /** Seed 004's best feedback examples of a category, one per distinct text, best score first. */
  @Command(name = "best", mixinStandardHelpOptions = true,
      description = "The best feedback texts of a feedback category (physics, material_behavior, ...): distinct "
          + "texts (near-duplicates merged), best passed score first.")
  static final class Best implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = "--category", required = true, paramLabel = "C", description = "Feedback category, e.g. physics.")
    String category;

    @Option(names = "--limit", defaultValue = "5", description = "Texts printed. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("feedback best", warehouse);
      List<Views.BestFeedback> best = FailureAnalytics.bestFeedback(w, category, limit,
          warehouse.config().failure().suggestions().similarity());
      for (Views.BestFeedback b : best) {
        System.out.println(b.material() + " (" + b.bestScore().map(String::valueOf).orElse("?") + "/100), "
            + b.passes() + " of " + b.uses() + " uses passed" + (b.variants() > 1 ? ", " + b.variants() + " wordings" : ""));
        System.out.println("  " + b.feedbackText());
      }
      System.err.println("[feedback] " + best.size() + " distinct text(s) of category " + category
          + (best.isEmpty() ? " (feedback categories: physics, material_behavior, contamination, object_realism, "
              + "aesthetics, scale)" : ""));
      return 0;
    }
  }

  /** The auto-feedback suggestions of gold.feedback_suggestions for a material category or an issue. */
  @Command(name = "suggest", mixinStandardHelpOptions = true,
      description = "Feedback most often followed by a pass, for a material category (--category) or an issue of a "
          + "failed attempt (--issue: a physics issue, red flag or failure category). Reads gold.feedback_suggestions.")
  static final class Suggest implements Callable<Integer> {
    @Mixin WarehouseOptions warehouse;

    @Option(names = "--category", paramLabel = "C", description = "Material category, e.g. wood_hardwood.")
    Optional<String> category = Optional.empty();

    @Option(names = "--issue", paramLabel = "I", description = "Issue, e.g. \"Floating particles\" or physics.")
    Optional<String> issue = Optional.empty();

    @Option(names = "--limit", defaultValue = "10", description = "Suggestions printed. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (category.isEmpty() == issue.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Give exactly one of --category and --issue.");
      }
      warehouse.quiet = true;
      Warehouse w = Session.openWarehouse("feedback suggest", warehouse);
      List<Views.Suggestion> suggestions = FailureAnalytics.suggestFeedback(w, category, issue, limit);
      for (Views.Suggestion s : suggestions) {
        System.out.printf(Locale.ROOT, "%d. [%s %s] %d uses, %.1f%% followed by a pass (95%% interval %.1f%% to %.1f%%)%s%s%n",
            s.rank(), s.scopeKind(), s.scope(), s.uses(), s.successRate() * 100, s.ciLow() * 100, s.ciHigh() * 100,
            s.avgScoreGain().map(g -> String.format(Locale.ROOT, ", score %+.1f", g)).orElse(""),
            s.variants() > 1 ? ", " + s.variants() + " wordings merged" : "");
        System.out.println("   " + s.feedbackText());
      }
      System.err.println("[feedback] " + suggestions.size() + " suggestion(s) for "
          + category.map(c -> "category " + c).orElseGet(() -> "issue " + issue.orElseThrow())
          + (suggestions.isEmpty() ? ": none recorded (run `genlake failures analyze` or nightly first; names are "
              + "matched case-insensitively, see gold.feedback_suggestions.scope)" : ""));
      return 0;
    }
  }
}
