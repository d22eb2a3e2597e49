package dev.sluice.protocol.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.FunctionSettings;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.Harness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaServiceTest {

  static final String ROLE = "arn:aws:iam::000000000000:role/r";

  @TempDir Path dataDir;
  FunctionService functions;
  LambdaService lambda;

  @BeforeEach
  void open() {
    functions = FunctionService.open(FunctionSettings.of(dataDir, "000000000000", "us-east-1",
        "http://127.0.0.1:1"), new ManualTimeSource(1_700_000_000_000L));
    lambda = new LambdaService(functions);
  }

  @AfterEach
  void close() {
    functions.close();
  }

  static AwsHttpRequest request(String method, String path, String query, String body) {
    return new AwsHttpRequest(method, path, query,
        Map.of("content-type", List.of("application/json")),
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1:1");
  }

  AwsHttpResponse call(String method, String path, String query, String body) {
    return lambda.handle(request(method, path, query, body), Caller.anonymous()).join();
  }

  static String zip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("bootstrap"));
      zip.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  AwsHttpResponse create(String name) throws IOException {
    return call("POST", "/2015-03-31/functions", "", "{\"FunctionName\":\"" + name
        + "\",\"Runtime\":\"provided.al2023\",\"Role\":\"" + ROLE + "\",\"Handler\":\"x\","
        + "\"Code\":{\"ZipFile\":\"" + zip() + "\"},\"Environment\":{\"Variables\":{\"A\":\"1\"}}}");
  }

  @Test
  void lambda_claims_only_paths_of_its_api_version() {
    assertThat(lambda.accepts(request("GET", "/2015-03-31/functions/", "", null))).isTrue();
    assertThat(lambda.accepts(request("POST", "/", "", null))).isFalse();
    assertThat(lambda.accepts(request("GET", "/000000000000/queue", "", null))).isFalse();
  }

  @Test
  void create_answers_201_pending_and_get_answers_active() throws IOException {
    AwsHttpResponse created = create("f1");
    AwsHttpResponse got = call("GET", "/2015-03-31/functions/f1/configuration", "", null);

    JsonNode createdBody = Harness.json(created);
    JsonNode gotBody = Harness.json(got);
    assertThat(created.status()).isEqualTo(201);
    assertThat(createdBody.path("State").asText()).isEqualTo("Pending");
    assertThat(createdBody.path("StateReasonCode").asText()).isEqualTo("Creating");
    assertThat(createdBody.path("FunctionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f1");
    assertThat(createdBody.path("Environment").path("Variables").path("A").asText())
        .isEqualTo("1");
    assertThat(createdBody.path("LastModified").asText())
        .isEqualTo("2023-11-14T22:13:20.000+0000");
    assertThat(gotBody.path("State").asText()).isEqualTo("Active");
    assertThat(gotBody.path("LastUpdateStatus").asText()).isEqualTo("Successful");
    assertThat(gotBody.path("RevisionId").asText())
        .isEqualTo(createdBody.path("RevisionId").asText());
  }

  @Test
  void a_missing_function_is_a_404_in_lambda_error_shape() {
    AwsHttpResponse response = call("GET", "/2015-03-31/functions/nope", "", null);

    JsonNode body = Harness.json(response);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "ResourceNotFoundException")
        .containsKey("x-amzn-RequestId");
    assertThat(body.path("Type").asText()).isEqualTo("User");
    assertThat(body.path("Message").asText())
        .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
  }

  @Test
  void a_conflict_spells_its_message_in_lower_case_as_aws_does() throws IOException {
    create("f1");

    AwsHttpResponse response = create("f1");

    JsonNode body = Harness.json(response);
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "ResourceConflictException");
    assertThat(body.path("message").asText()).isEqualTo("Function already exist: f1");
  }

  @Test
  void a_validation_error_has_a_message_and_no_type() {
    AwsHttpResponse response = call("GET", "/2015-03-31/functions/bad!name", "", null);

    JsonNode body = Harness.json(response);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "ValidationException");
    assertThat(body.has("Type")).isFalse();
    assertThat(body.path("message").asText()).startsWith("1 validation error detected: Value"
        + " 'bad!name' at 'functionName' failed to satisfy constraint");
  }

  @Test
  void a_body_that_is_not_json_is_invalid_request_content() {
    AwsHttpResponse response = call("POST", "/2015-03-31/functions", "", "{not json");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers())
        .containsEntry("x-amzn-ErrorType", "InvalidRequestContentException");
  }

  @Test
  void list_pages_with_max_items_and_marker() throws IOException {
    create("a");
    create("b");

    JsonNode first = Harness.json(call("GET", "/2015-03-31/functions/", "MaxItems=1", null));
    JsonNode second = Harness.json(call("GET", "/2015-03-31/functions/",
        "MaxItems=1&Marker=" + first.path("NextMarker").asText(), null));

    assertThat(first.path("Functions").get(0).path("FunctionName").asText()).isEqualTo("a");
    assertThat(first.path("Functions").get(0).has("State")).isFalse();
    assertThat(second.path("Functions").get(0).path("FunctionName").asText()).isEqualTo("b");
    assertThat(second.has("NextMarker")).isFalse();
  }

  @Test
  void delete_answers_204_and_the_function_is_gone() throws IOException {
    create("f1");

    AwsHttpResponse deleted = call("DELETE", "/2015-03-31/functions/f1", "", null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(call("GET", "/2015-03-31/functions/f1", "", null).status()).isEqualTo(404);
  }

  @Test
  void dry_run_answers_204_without_a_body() throws IOException {
    create("f1");
    AwsHttpRequest invoke = new AwsHttpRequest("POST", "/2015-03-31/functions/f1/invocations", "",
        Map.of("x-amz-invocation-type", List.of("DryRun")), new byte[0], "127.0.0.1:1");

    AwsHttpResponse response = lambda.handle(invoke, Caller.anonymous()).join();

    assertThat(response.status()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers()).containsEntry("X-Amz-Executed-Version", "$LATEST");
  }

  @Test
  void an_unimplemented_operation_is_refused_not_misrouted() {
    AwsHttpResponse response =
        call("GET", "/2019-09-30/functions/f1/provisioned-concurrency", "", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(Harness.json(response).path("message").asText())
        .contains("does not implement the Lambda operation GET"
            + " /2019-09-30/functions/f1/provisioned-concurrency");
  }
}
