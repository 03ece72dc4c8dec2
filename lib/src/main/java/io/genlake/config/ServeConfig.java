package io.genlake.config;

/**
 * Settings of {@code genlake serve} (the fit inspector and generation dev panel) and of the serving snapshots the
 * nightly writes for it.
 *
 * @param host address the server binds to; anything but a loopback address requires a token
 * @param port TCP port (0 = any free port, printed at start)
 * @param tokenEnv the environment variable holding the access token (never read from a file or logged)
 * @param maxNotesChars longest rating note accepted, in characters
 * @param generations most recent generations kept in the generations snapshot (the dev panel's list)
 * @param reloadSeconds how often at most the server looks for a newer snapshot file
 */
public record ServeConfig(String host, int port, String tokenEnv, int maxNotesChars, int generations,
    int reloadSeconds) {
  static ServeConfig from(ConfigNode node) {
    node.onlyKeys("host", "port", "token_env", "max_notes_chars", "generations", "reload_seconds");
    String host = node.string("host").trim();
    if (host.isEmpty()) {
      throw node.invalid("host", host, "an address to bind to, e.g. 127.0.0.1");
    }
    String tokenEnv = node.string("token_env").trim();
    if (!tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw node.invalid("token_env", tokenEnv, "an environment variable name, e.g. GENLAKE_SERVE_TOKEN");
    }
    return new ServeConfig(host, node.integer("port", 0, 65_535), tokenEnv,
        node.integer("max_notes_chars", 1, 100_000), node.integer("generations", 1, 1_000_000),
        node.integer("reload_seconds", 1, 3_600));
  }
}
