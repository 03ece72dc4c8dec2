package io.genlake.ontology;

/** A broken ontology file: the message names the file, the offending ID or key, and how to fix it. */
public final class OntologyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OntologyException(String message) {
    super(message);
  }

  public OntologyException(String message, Throwable cause) {
    super(message, cause);
  }
}
