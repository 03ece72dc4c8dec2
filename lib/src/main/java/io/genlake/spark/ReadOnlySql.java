package io.genlake.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.collection.JavaConverters;

/**
 * Decides from Spark's plans, never from the SQL text, whether a statement only reads. {@link #refusal} parses the
 * statement (no analysis, nothing runs) and refuses any command that changes something (DELETE, INSERT, UPDATE,
 * MERGE, CREATE, DROP, ALTER, TRUNCATE, SET, ADD JAR, CACHE, OPTIMIZE, VACUUM, RESTORE, ...) other than the
 * describing ones (SHOW, DESCRIBE, EXPLAIN). {@link #callsJava} inspects an analyzed plan (views expanded) for the
 * functions that call arbitrary Java methods in the driver ({@code reflect}, {@code java_method},
 * {@code try_reflect}: environment variables, files, processes), which no mode allows. Cost: one parse and a walk
 * of the plan tree.
 */
public final class ReadOnlySql {
  /** Commands that only describe: their simple class names in Spark 3.5 and Delta 3.3. */
  private static final Set<String> DESCRIBING = Set.of("ShowTables", "ShowTablesExtended", "ShowNamespaces",
      "ShowViews", "ShowColumns", "ShowFunctions", "ShowTableProperties", "ShowCreateTable", "ShowPartitions",
      "ShowCatalogs", "DescribeRelation", "DescribeColumn", "DescribeNamespace", "DescribeFunction",
      "ExplainCommand", "DescribeDeltaHistory", "DescribeDeltaDetailCommand", "DescribeDeltaHistoryCommand",
      "ShowTableColumnsCommand");

  /** Plan nodes of ALTER TABLE statements whose class names start with another verb. */
  private static final Set<String> ALTERS = Set.of("AddColumns", "ReplaceColumns", "DropColumns", "RenameColumn",
      "SetTableProperties", "UnsetTableProperties", "SetTableLocation", "SetTableSerDeProperties", "AddPartitions",
      "DropPartitions", "RenamePartitions", "RenameTable", "AddConstraint", "DropConstraint");

  private ReadOnlySql() {}

  /**
   * Why {@code sql} may not run read-only, or empty when it only reads. The parse needs no table to exist; a
   * statement Spark cannot parse is left for Spark to report when it runs.
   */
  public static Optional<String> refusal(SparkSession spark, String sql) {
    LogicalPlan plan;
    try {
      plan = spark.sessionState().sqlParser().parsePlan(sql);
    } catch (org.apache.spark.sql.catalyst.parser.ParseException | RuntimeException e) {
      // Spark reports a statement it cannot parse, with the position, when the statement runs
      return Optional.empty();
    }
    Deque<LogicalPlan> todo = new ArrayDeque<>();
    todo.push(plan);
    while (!todo.isEmpty()) {
      LogicalPlan node = todo.pop();
      String name = node.getClass().getSimpleName();
      if (DESCRIBING.contains(name)) {
        continue;
      }
      if (node instanceof Command || name.endsWith("Statement")) {
        return Optional.of(statementName(node) + " changes the warehouse or the session (" + name + "), and `sql` "
            + "only reads by default. Run it with --write, which takes the warehouse's writer lock and records the "
            + "change in ops.pipeline_runs.");
      }
      JavaConverters.seqAsJavaList(node.children()).forEach(todo::push);
    }
    return Optional.empty();
  }

  /** Commands that change only the connection's own session (SET, RESET, USE), not the warehouse. */
  private static final Set<String> SESSION_ONLY = Set.of("SetCommand", "ResetCommand", "SetCatalogAndNamespace",
      "SetNamespaceCommand", "SetCatalogCommand");

  /**
   * The change an analyzed {@code plan} makes, as "DROP (DropTableCommand)", or empty when it only reads: the rule of
   * {@link #refusal} applied after analysis (command classes then carry their resolved names, e.g. ShowTablesCommand),
   * with the commands that change only the caller's own session (SET, RESET, USE) also allowed. Used by the SQL
   * endpoint, which sees statements only as plans. Cost: a walk of the plan tree.
   */
  public static Optional<String> analyzedChange(LogicalPlan plan) {
    Deque<LogicalPlan> todo = new ArrayDeque<>();
    todo.push(plan);
    while (!todo.isEmpty()) {
      LogicalPlan node = todo.pop();
      String name = node.getClass().getSimpleName();
      String bare = name.endsWith("Command") ? name.substring(0, name.length() - "Command".length()) : name;
      if (DESCRIBING.contains(name) || DESCRIBING.contains(bare) || SESSION_ONLY.contains(name)
          || name.startsWith("Show") || name.startsWith("Describe") || name.startsWith("Explain")) {
        continue;
      }
      if (node instanceof Command || name.endsWith("Statement")) {
        return Optional.of(statementName(node) + " (" + name + ")");
      }
      JavaConverters.seqAsJavaList(node.children()).forEach(todo::push);
    }
    return Optional.empty();
  }

  /**
   * Why the analyzed {@code plan} may not run in any mode, or empty: it calls Java methods by name
   * ({@link #callsJava}), or reads files by path ({@code SELECT * FROM parquet.`/etc`}) rather than tables.
   */
  public static Optional<String> unsafe(LogicalPlan plan) {
    return unsafe(plan, p -> false);
  }

  /**
   * {@link #unsafe(LogicalPlan)}, except that a relation whose every file path passes {@code allowedPath} may be read
   * (the SQL endpoint's check sees Delta's own reads of {@code _delta_log} files, which are plans too).
   */
  public static Optional<String> unsafe(LogicalPlan plan, java.util.function.Predicate<String> allowedPath) {
    Optional<String> java = callsJava(plan);
    if (java.isPresent()) {
      return Optional.of(javaRefusal(java.get()));
    }
    Optional<String> path = filePath(plan, allowedPath);
    return path.map(p -> "`sql` reads the warehouse's tables, not files by path (" + p + "); name a table as "
        + "<layer>.<table>, e.g. silver.generations.");
  }

  /** The first file path the analyzed {@code plan} reads directly (a relation of no catalog table), if any. */
  static Optional<String> filePath(LogicalPlan plan) {
    return filePath(plan, p -> false);
  }

  private static Optional<String> filePath(LogicalPlan plan, java.util.function.Predicate<String> allowedPath) {
    Deque<LogicalPlan> plans = new ArrayDeque<>();
    plans.push(plan);
    while (!plans.isEmpty()) {
      LogicalPlan node = plans.pop();
      if (node instanceof LogicalRelation r && r.catalogTable().isEmpty()) {
        if (!(r.relation() instanceof HadoopFsRelation fs)) {
          return Optional.of(r.relation().toString());
        }
        List<String> paths = JavaConverters.seqAsJavaList(fs.location().rootPaths()).stream()
            .map(Object::toString).toList();
        if (paths.isEmpty() || !paths.stream().allMatch(allowedPath)) {
          return Optional.of(String.join(", ", paths));
        }
      }
      JavaConverters.seqAsJavaList(node.children()).forEach(plans::push);
    }
    return Optional.empty();
  }

  /** The first function in the analyzed {@code plan} that calls Java methods by name, if any. */
  public static Optional<String> callsJava(LogicalPlan plan) {
    Deque<LogicalPlan> plans = new ArrayDeque<>();
    plans.push(plan);
    while (!plans.isEmpty()) {
      LogicalPlan node = plans.pop();
      JavaConverters.seqAsJavaList(node.children()).forEach(plans::push);
      JavaConverters.seqAsJavaList(node.innerChildren()).forEach(c -> {
        if (c instanceof LogicalPlan p) {
          plans.push(p);
        }
      });
      Deque<Expression> exprs = new ArrayDeque<>(JavaConverters.seqAsJavaList(node.expressions()));
      while (!exprs.isEmpty()) {
        Expression e = exprs.pop();
        if (e instanceof CallMethodViaReflection) {
          return Optional.of(e.prettyName());
        }
        if (e instanceof SubqueryExpression s) {
          plans.push(s.plan());
        }
        JavaConverters.seqAsJavaList(e.children()).forEach(exprs::push);
      }
    }
    return Optional.empty();
  }

  /** The refusal for a plan that {@link #callsJava}. */
  public static String javaRefusal(String function) {
    return "`sql` does not run " + function + "(): it calls Java methods inside genlake, which can read environment "
        + "variables (secrets among them) and files. No mode allows it; query the tables instead.";
  }

  /** DELETE, INSERT, MERGE, ... as people write it, from the plan node's class. */
  private static String statementName(LogicalPlan node) {
    String n = node.getClass().getSimpleName();
    if (ALTERS.contains(n) || n.startsWith("Alter")) {
      return "ALTER";
    }
    if (n.startsWith("DeleteFrom") || n.equals("DeleteCommand")) {
      return "DELETE";
    }
    if (n.startsWith("InsertInto") || n.startsWith("AppendData") || n.startsWith("Overwrite")
        || n.startsWith("WriteInto")) {
      return "INSERT";
    }
    for (String verb : new String[] {"Update", "Merge", "Drop", "Create", "Alter", "Truncate", "Set", "Add", "Cache",
        "Uncache", "Refresh", "Optimize", "Vacuum", "Restore", "Clone", "Rename", "Replace", "Load", "Repair"}) {
      if (n.startsWith(verb)) {
        return verb.toUpperCase(Locale.ROOT);
      }
    }
    return "This statement";
  }
}
