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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InvokeAsync, GetFunction's Code.Location, ListFunctions over all versions, DeadLetterConfig. */
class LegacyInvokeCodeAndListingRoutesTest {

  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
  static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";

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

  AwsHttpResponse call(String method, String path, String query, String body) {
    AwsHttpRequest request = new AwsHttpRequest(method, path, query,
        Map.of("content-type", List.of("application/json"), "host", List.of("sluice:4566")),
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "127.0.0.1:1");
    return lambda.handle(request, Caller.anonymous()).join();
  }

  AwsHttpResponse create(String name, String extra) throws IOException {
    return call("POST", "/2015-03-31/functions", "", "{\"FunctionName\":\"" + name
        + "\",\"Runtime\":\"provided.al2023\",\"Role\":\"" + LambdaServiceTest.ROLE
        + "\",\"Handler\":\"x\",\"Code\":{\"ZipFile\":\"" + LambdaServiceTest.zip() + "\"}"
        + extra + "}");
  }

  @Test
  void code_uploads_run_on_the_code_executor_and_their_errors_keep_lambdas_shape()
      throws IOException {
    List<Runnable> queued = new ArrayList<>();
    lambda = new LambdaService(functions, queued::add);

    var created = lambda.handle(new AwsHttpRequest("POST", "/2015-03-31/functions", "",
        Map.of(), ("{\"FunctionName\":\"f\",\"Runtime\":\"provided.al2023\",\"Role\":\""
            + LambdaServiceTest.ROLE + "\",\"Code\":{\"ZipFile\":\"" + LambdaServiceTest.zip()
            + "\"}}").getBytes(StandardCharsets.UTF_8), "127.0.0.1:1"), Caller.anonymous());
    var refused = lambda.handle(new AwsHttpRequest("PUT", "/2015-03-31/functions/f/code", "",
        Map.of(), "not json".getBytes(StandardCharsets.UTF_8), "127.0.0.1:1"), Caller.anonymous());

    assertThat(created).isNotDone();
    assertThat(queued).hasSize(2);
    queued.forEach(Runnable::run);
    assertThat(created.join().status()).isEqualTo(201);
    assertThat(refused.join().status()).isEqualTo(400);
    assertThat(refused.join().headers())
        .containsEntry("x-amzn-ErrorType", "InvalidRequestContentException");
  }

  @Test
  void invoke_async_answers_202_with_its_status_and_stores_the_event() throws IOException {
    create("f", "");
    AwsHttpRequest legacy = new AwsHttpRequest("POST", "/2014-11-13/functions/f/invoke-async/",
        "", Map.of(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "127.0.0.1:1");

    assertThat(lambda.accepts(legacy)).isTrue();
    AwsHttpResponse answered = lambda.handle(legacy, Caller.anonymous()).join();

    assertThat(answered.status()).isEqualTo(202);
    assertThat(Harness.json(answered).toString()).isEqualTo("{\"Status\":202}");
  }

  @Test
  void invoke_async_of_a_missing_function_is_lambdas_404() {
    AwsHttpResponse answered = call("POST", "/2014-11-13/functions/nope/invoke-async/", "", "{}");

    assertThat(answered.status()).isEqualTo(404);
    assertThat(answered.headers()).containsEntry("x-amzn-ErrorType", "ResourceNotFoundException");
  }

  @Test
  void get_function_links_the_code_on_the_host_the_caller_reached() throws IOException {
    create("f", "");

    JsonNode code = Harness.json(call("GET", "/2015-03-31/functions/f", "", null)).path("Code");

    assertThat(code.path("RepositoryType").asText()).isEqualTo("S3");
    assertThat(code.path("Location").asText())
        .startsWith("http://sluice:4566/_sluice/functions/f/code?version=%24LATEST&expires=")
        .contains("&signature=");
  }

  @Test
  void list_functions_with_all_versions_qualifies_every_arn_and_pages() throws IOException {
    create("a", ",\"Publish\":true");
    create("b", "");

    List<String> arns = new ArrayList<>();
    String marker = null;
    do {
      JsonNode page = Harness.json(call("GET", "/2015-03-31/functions/",
          "FunctionVersion=ALL&MaxItems=2" + (marker == null ? "" : "&Marker=" + marker), null));
      page.path("Functions").forEach(f -> arns.add(f.path("FunctionArn").asText()));
      marker = page.hasNonNull("NextMarker") ? page.path("NextMarker").asText() : null;
    } while (marker != null);

    assertThat(arns).containsExactly(ARN + "a:$LATEST", ARN + "a:1", ARN + "b:$LATEST");
  }

  @Test
  void dead_letter_config_is_stored_reported_and_removed_by_an_empty_target() throws IOException {
    JsonNode created =
        Harness.json(create("f", ",\"DeadLetterConfig\":{\"TargetArn\":\"" + DLQ + "\"}"));
    JsonNode kept = Harness.json(call("PUT", "/2015-03-31/functions/f/configuration", "",
        "{\"DeadLetterConfig\":{},\"Timeout\":9}"));
    JsonNode removed = Harness.json(call("PUT", "/2015-03-31/functions/f/configuration", "",
        "{\"DeadLetterConfig\":{\"TargetArn\":\"\"}}"));

    assertThat(created.path("DeadLetterConfig").path("TargetArn").asText()).isEqualTo(DLQ);
    assertThat(kept.path("DeadLetterConfig").path("TargetArn").asText()).isEqualTo(DLQ);
    assertThat(removed.has("DeadLetterConfig")).isFalse();
  }
}
