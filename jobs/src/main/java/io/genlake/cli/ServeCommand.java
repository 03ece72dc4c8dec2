package io.genlake.cli;

import io.genlake.config.GenlakeConfig;
import io.genlake.serve.ServeApp;
import io.genlake.serve.ServeEndpoint;
import io.genlake.serve.WebServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genlake serve}: the fit inspector and generation dev panel as a local web application over the warehouse's
 * serving snapshots (docs/serve.md). Never starts Spark; {@code bin/genlake} runs it on a class path without Spark
 * ({@link ServeMain}). Runs until stopped (Ctrl-C). Also answers {@code /api/recommend} and, while it runs, names
 * itself in {@code <warehouse>/_genlake/serve-endpoint} ({@link ServeEndpoint}) so {@code bin/genlake recommend}
 * asks it instead of starting a JVM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the fit inspector (/fit) and the generation dev panel (/generations) from the nightly's serving "
        + "snapshots; ratings go to <landing>/ratings/block_fit/serve/. No Spark.")
final class ServeCommand implements Callable<Integer> {
  @Mixin WarehouseOptions warehouse;

  @Option(names = "--landing", paramLabel = "DIR",
      description = "Landing directory ratings are written to (default: paths.landing from config).")
  Optional<Path> landing = Optional.empty();

  @Option(names = "--host", paramLabel = "ADDR",
      description = "Bind address (default: serve.host, 127.0.0.1); a non-loopback address needs the token.")
  Optional<String> host = Optional.empty();

  @Option(names = "--port", paramLabel = "N", description = "TCP port (default: serve.port; 0 = any free port).")
  Optional<Integer> port = Optional.empty();

  @Override
  public Integer call() throws Exception {
    GenlakeConfig config = warehouse.config();
    String root = warehouse.warehouseRoot();
    Path landingDir = landing.orElse(Path.of(config.paths().landing())).toAbsolutePath().normalize();
    String tokenEnv = config.serve().tokenEnv();
    Optional<String> token = Optional.ofNullable(System.getenv(tokenEnv)).filter(t -> !t.isBlank());
    String bind = host.orElse(config.serve().host());
    PrintStream err = System.err;
    try (WebServer server = new ServeApp(root, landingDir, config.serve()).start(bind, port.orElse(config.serve().port()),
        token, err, Optional.of(new RecommendEndpoint(Path.of(root), config.preference())))) {
      ServeEndpoint endpoint = new ServeEndpoint(localUrl(bind, server.port()), ProcessHandle.current().pid(),
          token.isPresent(), warehouse.config);
      if (!root.contains("://")) {
        endpoint.write(root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> endpoint.removeIfOurs(root), "genlake-serve-endpoint"));
      }
      err.println("genlake serve: http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.port()
          + "/fit  (warehouse " + root + ", ratings to " + landingDir.resolve("ratings/block_fit/serve") + ", token "
          + (token.isPresent() ? "required from $" + tokenEnv : "not set: loopback only") + "). Ctrl-C stops it.");
      err.flush();
      server.join();
    }
    return 0;
  }

  /** The URL a client on this machine uses: loopback for a wildcard bind. */
  static String localUrl(String bind, int port) {
    String host = bind.equals("0.0.0.0") || bind.equals("::") || bind.isBlank() ? "127.0.0.1" : bind;
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
