package io.genlake.ingest;

/**
 * A landing record broke a validation rule: carries the rule and the message stored in quarantine. Thrown
 * only for bad records (a small share), without a stack trace, so rejecting stays cheap.
 */
final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Rule rule;

  Rejection(Rule rule, String message) {
    super(message, null, false, false);
    this.rule = rule;
  }

  Rule rule() {
    return rule;
  }
}
