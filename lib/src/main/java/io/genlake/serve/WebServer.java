package io.genlake.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code genlake serve}: the fit inspector and the generation dev panel over the serving snapshots, on Jetty's core
 * server (no servlet container). Binds to the configured host (loopback by default); a token from the environment,
 * when there is one, is required on every API request as the {@code X-Genlake-Token} header, compared in constant
 * time and never logged; binding to a non-loopback address without a token is refused. Pages are served with a
 * Content-Security-Policy that allows nothing but this server, so they load nothing from elsewhere. A request that
 * fails gets a JSON {@code {"error": …}} with a 4xx/5xx status and the server goes on serving.
 */
public final class WebServer implements AutoCloseable {
  /** The header that carries the token. */
  public static final String TOKEN_HEADER = "X-Genlake-Token";
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CSP = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; "
      + "img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

  private final Server server;
  private final Routes routes;
  private final Optional<byte[]> token;
  private final PrintStream log;

  private WebServer(Server server, Routes routes, Optional<byte[]> token, PrintStream log) {
    this.server = server;
    this.routes = routes;
    this.token = token;
    this.log = log;
  }

  /**
   * Starts serving {@code routes} on {@code host:port} (0 = any free port). {@code token} (from the environment) is
   * required when {@code host} is not a loopback address.
   */
  public static WebServer start(String host, int port, Optional<String> token, Routes routes, PrintStream log)
      throws Exception {
    InetAddress address = InetAddress.getByName(host);
    if (!address.isLoopbackAddress() && token.filter(t -> !t.isBlank()).isEmpty()) {
      throw new IllegalArgumentException("Refusing to bind to " + host + " without a token: anyone who can reach it "
          + "could read the warehouse's data and write ratings. Set the token environment variable (serve.token_env, "
          + "default GENLAKE_SERVE_TOKEN) or bind to 127.0.0.1.");
    }
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("genlake-serve");
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    WebServer web = new WebServer(server, routes,
        token.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)), log);
    server.setHandler(web.new Dispatch());
    server.start();
    return web;
  }

  /** The port bound (useful with port 0). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops the server (open requests are answered first). */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the server: " + e.getMessage(), e);
    }
  }

  /** True when no token is set, or {@code given} equals it (constant time in the token's length). */
  boolean authorized(String given) {
    if (token.isEmpty()) {
      return true;
    }
    byte[] g = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(token.get(), g);
  }

  /** The single handler: security headers, the token check, routing, and JSON errors. */
  private final class Dispatch extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      response.getHeaders().put("Content-Security-Policy", CSP);
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      response.getHeaders().put("Referrer-Policy", "no-referrer");
      response.getHeaders().put("Cache-Control", "no-store");
      try {
        boolean open = Routes.isPage(path);
        if (!open && !authorized(request.getHeaders().get(TOKEN_HEADER))) {
          throw new ServeException(401, "Missing or wrong " + TOKEN_HEADER + " header: this server requires the token "
              + "set in its environment (serve.token_env).");
        }
        Fields query = Request.extractQueryParameters(request);
        JsonNode body = "POST".equals(request.getMethod()) ? body(request) : null;
        Routes.Answer a = routes.answer(request.getMethod(), path, query, body);
        response.setStatus(a.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
        response.write(true, ByteBuffer.wrap(a.bytes()), callback);
      } catch (ServeException e) {
        error(response, callback, e.status(), e.getMessage());
      } catch (RuntimeException | IOException e) {
        log.println("genlake serve: " + request.getMethod() + " " + path + " failed: " + e);
        error(response, callback, 500, "Internal error: " + e.getMessage());
      }
      return true;
    }
  }

  private static JsonNode body(Request request) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new ServeException(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
      }
      try {
        return JSON.readTree(bytes);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw ServeException.badRequest("The request body is not JSON: " + e.getOriginalMessage() + ".");
      }
    }
  }

  private static void error(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    try {
      byte[] bytes = JSON.writeValueAsBytes(java.util.Map.of("error", message));
      response.write(true, ByteBuffer.wrap(bytes), callback);
    } catch (IOException e) {
      callback.failed(e);
    }
  }

  /** Reads a resource of this package (the pages). */
  static byte[] resource(String name) throws IOException {
    try (InputStream in = WebServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " is missing from genlake-lib");
      }
      return in.readAllBytes();
    }
  }

  static byte[] file(java.nio.file.Path p) throws IOException {
    return Files.readAllBytes(p);
  }
}
