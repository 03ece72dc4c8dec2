package io.genlake.sqlendpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.Server;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;
import org.sparkproject.connect.grpc.netty.NettyServerBuilder;
import org.sparkproject.connect.protobuf.Descriptors;
import org.sparkproject.connect.protobuf.Message;
import scala.Option;

/**
 * The SQL endpoint's Spark Connect server ({@code sc://127.0.0.1:15002}), in the same warm session as the Thrift
 * server: PySpark ({@code pyspark[connect]} 3.5) and the Scala client attach with
 * {@code SparkSession.builder.remote("sc://…")}. Each client session is a new session of the endpoint's, so it sees the
 * same {@code <layer>.<table>} catalog and passes the same {@link EndpointGuard} (read-only unless {@code --write}, no
 * Java calls, no path reads).
 *
 * <p>Spark 3.5's own start ({@code SparkConnectService.start}) listens on every interface and has no login, so the
 * endpoint builds the gRPC server itself: bound to loopback always, with an interceptor that refuses artifact uploads
 * (jars, class files: code the server would load), requests carrying serialized client functions (UDFs, typed
 * {@code map}s: code the server would run) and the start of streaming queries, in every mode. Remote clients tunnel ({@code ssh -L 15002:127.0.0.1:15002}). The
 * service, its sessions and its execution manager are Spark's. Cost: one Netty server; sessions idle for an hour are
 * dropped by Spark.
 */
public final class ConnectEndpoint implements AutoCloseable {
  /** The loopback address the server listens on, whatever {@code --bind} says for HiveServer2. */
  public static final String HOST = "127.0.0.1";
  /** gRPC methods a client may call: plans, configuration, status and interruption; never artifact uploads. */
  static final Set<String> ALLOWED = Set.of("ExecutePlan", "AnalyzePlan", "Config", "ArtifactStatus", "Interrupt",
      "ReattachExecute", "ReleaseExecute");
  private static final String SERVICE = "spark.connect.SparkConnectService/";

  private final Server server;

  private ConnectEndpoint(Server server) {
    this.server = server;
  }

  /** Starts Spark Connect on {@code 127.0.0.1:port} (0: any free port) over {@code spark}'s context. */
  public static ConnectEndpoint start(SparkSession spark, int port) {
    SparkContext sc = spark.sparkContext();
    int maxMessage = (int) Math.min(Integer.MAX_VALUE,
        sc.getConf().getSizeAsBytes("spark.connect.grpc.maxInboundMessageSize", "128m"));
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port))
        .maxInboundMessageSize(maxMessage)
        .addService(new SparkConnectService(false))
        .intercept(new MethodFilter())
        .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Spark Connect cannot listen on " + HOST + ":" + port + " (" + e.getMessage()
          + "); give another --connect-port, 0 for any free port, or --no-connect.", e);
    }
    // Spark's stop() and localPort() read the server from its singleton; its listener backs Spark's own bookkeeping
    org.apache.spark.sql.connect.service.SparkConnectService$.MODULE$.server_$eq(server);
    listenerAndUi(sc);
    return new ConnectEndpoint(server);
  }

  /** The port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** The URL clients give to {@code SparkSession.builder.remote}. */
  public String url() {
    return "sc://" + HOST + ":" + port();
  }

  /** Stops the server and Spark's Connect sessions and executions; the SparkSession is left to its owner. */
  @Override
  public void close() {
    SparkConnectService.stop(Option.empty(), Option.empty());
  }

  /** Spark's private {@code createListenerAndUI}: a Connect listener (and UI tab when the UI is on), as its start. */
  private static void listenerAndUi(SparkContext sc) {
    try {
      var service = org.apache.spark.sql.connect.service.SparkConnectService$.MODULE$;
      Method m = service.getClass().getDeclaredMethod("createListenerAndUI", SparkContext.class);
      m.setAccessible(true);
      m.invoke(service, sc);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // only the Spark UI's Connect tab and its event log depend on it; queries run without
      System.err.println("[genlake] serve-sql: Spark Connect runs without its UI listener: " + e);
    }
  }

  /**
   * Refuses, with PERMISSION_DENIED, every gRPC method not in {@link #ALLOWED} (artifact uploads) and every request
   * that carries code of the client's ({@link #clientCode}); the rest goes to Spark's service unchanged.
   */
  static final class MethodFilter implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      String method = call.getMethodDescriptor().getFullMethodName();
      if (!allowed(method)) {
        call.close(Status.PERMISSION_DENIED.withDescription("the genlake SQL endpoint does not accept " + method
            + ": uploading jars, classes or files to the server is refused; query the tables instead."),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return new Refusing<>(call, next.startCall(call, headers));
    }

    static String refusal(String type) {
      if (type.equals(STREAMING_START)) {
        return "the genlake SQL endpoint does not start streaming queries (" + type + "): a stream would keep running "
            + "and writing inside the server. Read the tables as batches.";
      }
      return "the genlake SQL endpoint does not run functions sent by a client (" + type + "): they would run inside "
          + "the server, where they can read its environment and files. Query the tables with SQL or DataFrame "
          + "operations and apply your own functions to the results in your client.";
    }

    /** Spark's listener for one call, until a message carries client code: then the call is closed, nothing passed. */
    private static final class Refusing<Q> extends ServerCall.Listener<Q> {
      private final ServerCall<Q, ?> call;
      private final ServerCall.Listener<Q> delegate;
      private boolean refused;

      Refusing(ServerCall<Q, ?> call, ServerCall.Listener<Q> delegate) {
        this.call = call;
        this.delegate = delegate;
      }

      @Override
      public void onMessage(Q message) {
        Optional<String> code = message instanceof Message m ? clientCode(m) : Optional.empty();
        if (code.isPresent()) {
          refused = true;
          call.close(Status.PERMISSION_DENIED.withDescription(refusal(code.get())), new Metadata());
        }
        unlessRefused(() -> delegate.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        unlessRefused(delegate::onHalfClose);
      }

      @Override
      public void onCancel() {
        unlessRefused(delegate::onCancel);
      }

      @Override
      public void onComplete() {
        unlessRefused(delegate::onComplete);
      }

      @Override
      public void onReady() {
        unlessRefused(delegate::onReady);
      }

      private void unlessRefused(Runnable event) {
        if (!refused) {
          event.run();
        }
      }
    }

    static boolean allowed(String fullMethodName) {
      return fullMethodName.startsWith(SERVICE) && ALLOWED.contains(fullMethodName.substring(SERVICE.length()));
    }
  }

  /**
   * The first message in a request that carries a function of the client's (a Scala, Java or Python UDF or UDTF, the
   * function of a typed {@code map}/{@code mapPartitions}/{@code groupMap}, a streaming {@code foreach} writer) or
   * starts a streaming query, by its protobuf type, or empty. Such functions arrive serialized and would be deserialized and run in the server;
   * plain SQL and DataFrame operations (projections, filters, joins, aggregates of built-in functions) carry none. The
   * walk visits every set field of every nested message once.
   */
  static Optional<String> clientCode(Message request) {
    Deque<Message> todo = new ArrayDeque<>();
    todo.push(request);
    while (!todo.isEmpty()) {
      Message m = todo.pop();
      String type = m.getDescriptorForType().getFullName();
      if (CLIENT_CODE.contains(type)) {
        return Optional.of(type);
      }
      for (Map.Entry<Descriptors.FieldDescriptor, Object> field : m.getAllFields().entrySet()) {
        if (field.getKey().getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
          continue;
        }
        if (field.getValue() instanceof List<?> values) {
          for (Object v : values) {
            todo.push((Message) v);
          }
        } else {
          todo.push((Message) field.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /** The command that starts a streaming query (its sink writes outside the analyzed-plan check). */
  static final String STREAMING_START = "spark.connect.WriteStreamOperationStart";

  /** Spark Connect 3.5's protobuf messages that carry serialized client code, and the start of a stream. */
  static final Set<String> CLIENT_CODE = Set.of(STREAMING_START, "spark.connect.CommonInlineUserDefinedFunction",
      "spark.connect.CommonInlineUserDefinedTableFunction", "spark.connect.ScalarScalaUDF", "spark.connect.JavaUDF",
      "spark.connect.PythonUDF", "spark.connect.PythonUDTF", "spark.connect.StreamingForeachFunction");
}
