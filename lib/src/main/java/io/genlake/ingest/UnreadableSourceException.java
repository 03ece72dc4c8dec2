package io.genlake.ingest;

/** A landing source cannot be read at all; ingestion stops before writing anything. */
final class UnreadableSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnreadableSourceException(String message) {
    super(message);
  }

  UnreadableSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
