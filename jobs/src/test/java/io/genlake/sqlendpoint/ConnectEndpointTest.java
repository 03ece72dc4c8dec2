package io.genlake.sqlendpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.spark.connect.proto.CommonInlineUserDefinedFunction;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.Expression;
import org.apache.spark.connect.proto.MapPartitions;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Project;
import org.apache.spark.connect.proto.PythonUDF;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.ScalarScalaUDF;
import org.apache.spark.connect.proto.UserContext;
import org.junit.jupiter.api.Test;
import org.sparkproject.connect.protobuf.ByteString;

/**
 * The Spark Connect side's request filter (no server): which gRPC methods pass, and which requests carry a client's
 * function and are refused. The end-to-end behaviour, with the Scala client against a running endpoint, is in
 * SqlEndpointIT.
 */
class ConnectEndpointTest {
  private static final Relation TABLE = Relation.newBuilder()
      .setSql(SQL.newBuilder().setQuery("SELECT model_name, steps FROM silver.generations")).build();

  private static ExecutePlanRequest request(Relation root) {
    return ExecutePlanRequest.newBuilder().setSessionId("6b1b2a52-7c7e-4f4e-9a59-5d0d3b6f0c11")
        .setUserContext(UserContext.newBuilder().setUserId("it")).setPlan(Plan.newBuilder().setRoot(root)).build();
  }

  private static Expression column(String name) {
    return Expression.newBuilder().setUnresolvedAttribute(
        Expression.UnresolvedAttribute.newBuilder().setUnparsedIdentifier(name)).build();
  }

  @Test
  void queriesPassAndArtifactUploadsDoNot() {
    assertTrue(ConnectEndpoint.MethodFilter.allowed("spark.connect.SparkConnectService/ExecutePlan"));
    assertTrue(ConnectEndpoint.MethodFilter.allowed("spark.connect.SparkConnectService/AnalyzePlan"));
    assertTrue(ConnectEndpoint.MethodFilter.allowed("spark.connect.SparkConnectService/Interrupt"));
    assertFalse(ConnectEndpoint.MethodFilter.allowed("spark.connect.SparkConnectService/AddArtifacts"));
    assertFalse(ConnectEndpoint.MethodFilter.allowed("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"));
  }

  @Test
  void sqlAndBuiltInDataFrameOperationsCarryNoClientCode() {
    Expression upper = Expression.newBuilder().setUnresolvedFunction(Expression.UnresolvedFunction.newBuilder()
        .setFunctionName("upper").addArguments(column("model_name"))).build();
    Relation projected = Relation.newBuilder().setProject(Project.newBuilder().setInput(TABLE)
        .addExpressions(upper).addExpressions(column("steps"))).build();
    assertEquals(Optional.empty(), ConnectEndpoint.clientCode(request(TABLE)));
    assertEquals(Optional.empty(), ConnectEndpoint.clientCode(request(projected)));
  }

  @Test
  void udfsAndTypedFunctionsAreFoundWhereverTheySit() {
    Expression scalaUdf = Expression.newBuilder().setCommonInlineUserDefinedFunction(
        CommonInlineUserDefinedFunction.newBuilder().setFunctionName("f").setScalarScalaUdf(
            ScalarScalaUDF.newBuilder().setPayload(ByteString.copyFrom(new byte[] {1, 2, 3})))).build();
    Relation projected = Relation.newBuilder().setProject(Project.newBuilder().setInput(TABLE)
        .addExpressions(column("steps")).addExpressions(scalaUdf)).build();
    // deep in the plan: a filter over the projection
    Relation filtered = Relation.newBuilder().setFilter(org.apache.spark.connect.proto.Filter.newBuilder()
        .setInput(projected).setCondition(column("steps"))).build();
    assertEquals(Optional.of("spark.connect.CommonInlineUserDefinedFunction"),
        ConnectEndpoint.clientCode(request(filtered)));

    Relation mapped = Relation.newBuilder().setMapPartitions(MapPartitions.newBuilder().setInput(TABLE).setFunc(
        CommonInlineUserDefinedFunction.newBuilder().setFunctionName("g").setPythonUdf(
            PythonUDF.newBuilder().setCommand(ByteString.copyFrom(new byte[] {9}))))).build();
    assertTrue(ConnectEndpoint.clientCode(request(mapped)).isPresent());
  }

  @Test
  void streamingQueriesAreRefused() {
    var start = org.apache.spark.connect.proto.Command.newBuilder().setWriteStreamOperationStart(
        org.apache.spark.connect.proto.WriteStreamOperationStart.newBuilder().setInput(TABLE).setFormat("parquet")
            .setPath("stream-out")).build();
    ExecutePlanRequest r = ExecutePlanRequest.newBuilder().setSessionId("6b1b2a52-7c7e-4f4e-9a59-5d0d3b6f0c11")
        .setUserContext(UserContext.newBuilder().setUserId("it")).setPlan(Plan.newBuilder().setCommand(start)).build();
    Optional<String> found = ConnectEndpoint.clientCode(r);
    assertEquals(Optional.of("spark.connect.WriteStreamOperationStart"), found);
    assertTrue(ConnectEndpoint.MethodFilter.refusal(found.get()).contains("does not start streaming queries"));
    assertTrue(ConnectEndpoint.MethodFilter.refusal("spark.connect.PythonUDF").contains("functions sent by a client"));
  }
}
