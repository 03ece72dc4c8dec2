package io.genlake.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the command line in this JVM with standard output and error captured: commands print their results with
 * {@code System.out} and their explanations with {@code System.err}.
 *
 * @param status the exit status
 * @param out what the command printed on standard output
 * @param err what it printed on standard error
 */
record CommandRun(int status, String out, String err) {
  static CommandRun of(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = Genlake.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new CommandRun(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }
}
