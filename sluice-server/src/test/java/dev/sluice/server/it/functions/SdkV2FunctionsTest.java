package dev.sluice.server.it.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Python, Node.js and provided functions deployed and invoked with the unchanged AWS SDK for Java
 * v2 Lambda client: sync, dry-run, async and handler errors; a zip that climbs out of its folder
 * refused; an Event invocation accepted before a restart runs after it.
 */
@DisplayName("Python, Node.js and provided functions through the AWS SDK for Java v2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkV2FunctionsTest {

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

  static final String PYTHON = """
      import boto3

      sqs = boto3.client("sqs")  # region, credentials and endpoint from the Lambda environment

      def handler(event, context):
          if event.get("fail"):
              raise KeyError("no such job")
          if "queue" in event:
              url = sqs.get_queue_url(QueueName=event["queue"])["QueueUrl"]
              sqs.send_message(QueueUrl=url, MessageBody=event["body"])
          return {"echo": event, "function": context.function_name}
      """;

  static final String NODE = """
      export const handler = async (event, context) => ({
        sum: event.a + event.b, requestId: context.awsRequestId });
      """;

  // A provided runtime's bootstrap speaks the Runtime API itself (here with curl, as AWS's
  // tutorial does).
  static final String BOOTSTRAP = """
      #!/bin/sh
      set -eu
      API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
      while true; do
        HEADERS="$(mktemp)"
        EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
        ID="$(grep -i 'Lambda-Runtime-Aws-Request-Id' "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)"
        curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"got\\":$EVENT}" > /dev/null
      done
      """;

  Path dataDir;
  TestServer server;
  LambdaClient lambda;
  SqsClient sqs;

  @BeforeAll
  void startServer() {
    dataDir = TestServer.TempDirs.create("sluice-sdkv2-functions-");
    start();
    create("py", Runtime.PYTHON3_11, "index.handler", zip(Map.of("index.py", PYTHON), List.of()));
    create("node", Runtime.NODEJS20_X, "index.handler",
        zip(Map.of("index.mjs", NODE), List.of()));
    create("custom", Runtime.PROVIDED_AL2023, "unused",
        zip(Map.of("bootstrap", BOOTSTRAP), List.of("bootstrap")));
  }

  @AfterAll
  void stopServer() {
    stop();
    TestServer.TempDirs.delete(dataDir);
  }

  void start() {
    server = TestServer.start(config -> config.dataDir(dataDir));
    URI endpoint = server.endpoint();
    sqs = SdkClients.sqsV2(endpoint);
    lambda = LambdaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            SdkClients.DUMMY_ACCESS_KEY, SdkClients.DUMMY_SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
        .build();
  }

  void stop() {
    lambda.close();
    sqs.close();
    server.close();
  }

  void create(String name, Runtime runtime, String handler, byte[] zip) {
    lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler(handler).role(ROLE)
        .timeout(20).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
  }

  InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
  }

  @Test
  void a_python_function_answers_synchronously() {
    InvokeResponse response = invoke("py", "{\"job\":7}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isNull();
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
    assertThat(response.payload().asUtf8String())
        .isEqualTo("{\"echo\": {\"job\": 7}, \"function\": \"py\"}");
  }

  @Test
  void a_python_handler_error_comes_back_as_unhandled_with_aws_error_json() {
    InvokeResponse response = invoke("py", "{\"fail\":true}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(response.payload().asUtf8String())
        .contains("\"errorType\": \"KeyError\"", "\"errorMessage\": \"'no such job'\"");
  }

  @Test
  void a_dry_run_runs_nothing_and_answers_204() {
    InvokeResponse response = lambda.invoke(r -> r.functionName("py")
        .invocationType(InvocationType.DRY_RUN).payload(SdkBytes.fromUtf8String("{}")));

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void an_event_invocation_is_accepted_and_its_boto3_code_reaches_a_sluice_queue() {
    String url = sqs.createQueue(r -> r.queueName("from-event")).queueUrl();

    InvokeResponse response = lambda.invoke(r -> r.functionName("py")
        .invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String("{\"queue\":\"from-event\",\"body\":\"hello\"}")));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(receiveBodies(url, 1)).containsExactly("hello");
  }

  @Test
  void a_node_function_answers_synchronously() {
    InvokeResponse response = invoke("node", "{\"a\":2,\"b\":3}");

    assertThat(response.functionError()).isNull();
    assertThat(response.payload().asUtf8String()).startsWith("{\"sum\":5,\"requestId\":\"");
  }

  @Test
  void a_provided_function_runs_its_own_bootstrap() {
    InvokeResponse response = invoke("custom", "{\"x\":1}");

    assertThat(response.functionError()).isNull();
    assertThat(response.payload().asUtf8String()).isEqualTo("{\"got\":{\"x\":1}}");
  }

  @Test
  void a_zip_with_an_entry_climbing_out_of_its_folder_is_refused() {
    byte[] zip = zip(Map.of("../escape.py", PYTHON), List.of());

    InvalidParameterValueException refused = catchThrowableOfType(
        InvalidParameterValueException.class,
        () -> lambda.createFunction(r -> r.functionName("slip").runtime(Runtime.PYTHON3_11)
            .handler("escape.handler").role(ROLE)
            .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))));

    assertThat(refused).isNotNull();
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.getMessage()).contains("'../escape.py' is refused");
    assertThat(lambda.listFunctions().functions()).extracting(f -> f.functionName())
        .doesNotContain("slip");
  }

  @Test
  void an_event_accepted_before_a_restart_runs_after_it() {
    create("held", Runtime.PYTHON3_11, "index.handler",
        zip(Map.of("index.py", PYTHON), List.of()));
    String url = sqs.createQueue(r -> r.queueName("after-restart")).queueUrl();
    // Reserved concurrency 0: the event is stored and waits instead of running.
    lambda.putFunctionConcurrency(r -> r.functionName("held").reservedConcurrentExecutions(0));
    InvokeResponse accepted = lambda.invoke(r -> r.functionName("held")
        .invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String("{\"queue\":\"after-restart\",\"body\":\"kept\"}")));
    assertThat(accepted.statusCode()).isEqualTo(202);

    stop();
    start();
    lambda.deleteFunctionConcurrency(r -> r.functionName("held"));

    assertThat(receiveBodies(url, 1)).containsExactly("kept");
  }

  private List<String> receiveBodies(String url, int count) {
    List<String> bodies = new java.util.ArrayList<>();
    await().atMost(Duration.ofSeconds(40)).until(() -> {
      for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()) {
        bodies.add(m.body());
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
      }
      return bodies.size() >= count;
    });
    return bodies;
  }

  /** A zip of text files; the named ones get mode 0755 (a bootstrap must be executable). */
  static byte[] zip(Map<String, String> files, List<String> executables) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        ZipArchiveEntry entry = new ZipArchiveEntry(file.getKey());
        entry.setUnixMode(executables.contains(file.getKey()) ? 0100755 : 0100644);
        zip.putArchiveEntry(entry);
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
