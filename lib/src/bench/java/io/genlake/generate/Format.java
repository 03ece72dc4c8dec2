package io.genlake.generate;

/** The landing file formats of docs/landing-formats.md. */
enum Format {
  JSONL("jsonl"), CSV("csv"), SQLITE("sqlite");

  final String label;

  Format(String label) {
    this.label = label;
  }
}
