package io.genlake.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QueryTraceTest {
  @Test
  void originNamesTheFirstGenlakeFramesOfTheCallSite() {
    String details = String.join("\n",
        "org.apache.spark.sql.Dataset.collectAsList(Dataset.scala:3518)",
        "io.genlake.fit.FitJob.run(FitJob.java:128)",
        "io.genlake.cli.JobRunner.run(JobRunner.java:46)",
        "java.base/java.lang.Thread.run(Thread.java:840)",
        "io.genlake.cli.JobRunner.run(JobRunner.java:32)",
        "io.genlake.cli.Nightly.run(Nightly.java:90)");
    assertEquals("FitJob.java:128 < JobRunner.java:46 < JobRunner.java:32", QueryTrace.origin(details));
  }

  @Test
  void originOfASparkInternalExecutionIsUnknown() {
    assertEquals("?", QueryTrace.origin("org.apache.spark.sql.delta.Snapshot.x(Snapshot.scala:1)\n"));
    assertEquals("?", QueryTrace.origin(""));
  }
}
