package io.genlake.sqlendpoint;

import io.genlake.spark.ReadOnlySql;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.Function1;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The SQL endpoint's guard, a Spark session extension ({@code spark.sql.extensions}): a check rule that every analyzed
 * plan passes before it runs, in every session the Thrift server opens. Read-only unless the endpoint was started with
 * {@code --write}: a plan that changes the warehouse ({@link ReadOnlySql#analyzedChange}: DROP, INSERT, CREATE, MERGE,
 * ...) is refused; in every mode, functions that call Java methods and reading files by path are refused
 * ({@link ReadOnlySql#unsafe}), except Delta's own reads of the warehouse's {@code _delta_log} files. The mode and the
 * warehouse come from the SparkConf, which a client's {@code SET} cannot change. The endpoint's own registrations run
 * {@link #internally}. Cost: one walk of each plan tree.
 */
public final class EndpointGuard extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  /** SparkConf key: "true" lets statements change the warehouse. */
  public static final String WRITE_CONF = "spark.genlake.sqlEndpoint.write";
  /** SparkConf key: the warehouse root, whose {@code _delta_log} files Delta itself reads by path. */
  public static final String WAREHOUSE_CONF = "spark.genlake.sqlEndpoint.warehouse";

  private static final ThreadLocal<Boolean> INTERNAL = ThreadLocal.withInitial(() -> Boolean.FALSE);

  /** Runs {@code work} (the endpoint's own table registrations) on this thread without the guard. */
  public static void internally(Runnable work) {
    INTERNAL.set(Boolean.TRUE);
    try {
      work.run();
    } finally {
      INTERNAL.set(Boolean.FALSE);
    }
  }

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectCheckRule(new AbstractFunction1<SparkSession, Function1<LogicalPlan, BoxedUnit>>() {
      @Override
      public Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
        return new Check(session.sparkContext().getConf());
      }
    });
    return BoxedUnit.UNIT;
  }

  /** Why the endpoint refuses {@code plan} in the given mode, or empty when it may run. */
  public static Optional<String> refusal(LogicalPlan plan, boolean write, String warehouseRoot) {
    if (!write) {
      Optional<String> change = ReadOnlySql.analyzedChange(plan);
      if (change.isPresent()) {
        return Optional.of("the genlake SQL endpoint is read-only: " + change.get() + " changes the warehouse or "
            + "its catalog. Run it with `bin/genlake sql --write \"...\"` (its own process, under the writer lock), "
            + "or start the endpoint with `bin/genlake serve-sql --write`.");
      }
    }
    String logs = warehouseRoot.endsWith("/") ? warehouseRoot : warehouseRoot + "/";
    return ReadOnlySql.unsafe(plan, p -> {
      String path = p.startsWith("file:") ? new org.apache.hadoop.fs.Path(p).toUri().getPath() : p;
      return path.startsWith(logs) && path.contains("/_delta_log");
    });
  }

  /** The check rule itself: throws with the refusal's message. */
  private static final class Check extends AbstractFunction1<LogicalPlan, BoxedUnit> {
    private final boolean write;
    private final String warehouse;

    Check(SparkConf conf) {
      this.write = conf.getBoolean(WRITE_CONF, false);
      this.warehouse = conf.get(WAREHOUSE_CONF, "/nonexistent-warehouse");
    }

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
      if (!INTERNAL.get()) {
        Optional<String> refused = refusal(plan, write, warehouse);
        if (refused.isPresent()) {
          throw new IllegalArgumentException(refused.get());
        }
      }
      return BoxedUnit.UNIT;
    }
  }
}
