package io.genlake.serve;

/**
 * A request the server refuses, with the HTTP status to answer and a message for the person who sent it (the
 * problem, why, how to fix it). Nothing was written when this is thrown.
 */
public final class ServeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** A refusal with HTTP {@code status} and a message for the user. */
  public ServeException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400 Bad Request: the input is invalid. */
  public static ServeException badRequest(String message) {
    return new ServeException(400, message);
  }

  /** 404 Not Found: the named block, asset or generation is not in the snapshot. */
  public static ServeException notFound(String message) {
    return new ServeException(404, message);
  }

  /** The HTTP status to answer. */
  public int status() {
    return status;
  }
}
