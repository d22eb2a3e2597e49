package dev.sluice.protocol.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.FunctionSettings;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.wire.Json;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, aliases, concurrency, event invoke configs and tags on the wire, as AWS's. */
class VersionsAndSettingsRoutesTest {

  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn";

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
    return lambda.handle(LambdaServiceTest.request(method, path, query, body),
        Caller.anonymous()).join();
  }

  void create(String name) throws IOException {
    AwsHttpResponse created = call("POST", "/2015-03-31/functions", "", "{\"FunctionName\":\""
        + name + "\",\"Runtime\":\"provided.al2023\",\"Role\":\"" + LambdaServiceTest.ROLE
        + "\",\"Handler\":\"x\",\"Code\":{\"ZipFile\":\"" + LambdaServiceTest.zip() + "\"}}");
    assertThat(created.status()).isEqualTo(201);
  }

  static JsonNode json(AwsHttpResponse response) {
    return Json.readObject(response.body());
  }

  @Test
  void a_throttled_invoke_answers_429_with_the_reason() throws Exception {
    create("fn");
    AwsHttpResponse put = call("PUT", "/2017-10-31/functions/fn/concurrency", "",
        "{\"ReservedConcurrentExecutions\":0}");

    AwsHttpResponse invoked = call("POST", "/2015-03-31/functions/fn/invocations", "", "{}");

    assertThat(put.status()).isEqualTo(200);
    assertThat(json(call("GET", "/2019-09-30/functions/fn/concurrency", "", null))
        .get("ReservedConcurrentExecutions").asInt()).isZero();
    assertThat(invoked.status()).isEqualTo(429);
    assertThat(invoked.headers().get("x-amzn-ErrorType")).isEqualTo("TooManyRequestsException");
    assertThat(json(invoked).toString()).isEqualTo("{\"Reason\":\"ReservedFunctionConcurrent"
        + "InvocationLimitExceeded\",\"Type\":\"User\",\"message\":\"Rate Exceeded.\"}");
    JsonNode account = json(call("GET", "/2016-08-19/account-settings/", "", null));
    assertThat(account.at("/AccountLimit/ConcurrentExecutions").asInt()).isEqualTo(64);
    assertThat(account.at("/AccountLimit/UnreservedConcurrentExecutions").asInt()).isEqualTo(64);
    assertThat(account.at("/AccountUsage/FunctionCount").asInt()).isEqualTo(1);
  }

  @Test
  void versions_and_aliases_answer_in_aws_shapes() throws Exception {
    create("fn");

    AwsHttpResponse published = call("POST", "/2015-03-31/functions/fn/versions", "", "{}");
    AwsHttpResponse alias = call("POST", "/2015-03-31/functions/fn/aliases", "",
        "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");
    JsonNode versions = json(call("GET", "/2015-03-31/functions/fn/versions", "", null));
    JsonNode viaAlias = json(call("GET", "/2015-03-31/functions/fn:live/configuration", "",
        null));

    assertThat(published.status()).isEqualTo(201);
    assertThat(json(published).get("FunctionArn").asText()).isEqualTo(ARN + ":1");
    assertThat(json(published).get("Version").asText()).isEqualTo("1");
    assertThat(alias.status()).isEqualTo(201);
    assertThat(json(alias).get("AliasArn").asText()).isEqualTo(ARN + ":live");
    assertThat(versions.at("/Versions/0/FunctionArn").asText()).isEqualTo(ARN + ":$LATEST");
    assertThat(versions.at("/Versions/1/Version").asText()).isEqualTo("1");
    assertThat(viaAlias.get("FunctionArn").asText()).isEqualTo(ARN + ":live");
    assertThat(viaAlias.get("Version").asText()).isEqualTo("1");
    AwsHttpResponse missing = call("GET", "/2015-03-31/functions/fn/aliases/nope", "", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(json(missing).get("Message").asText())
        .isEqualTo("Cannot find alias arn: " + ARN + ":nope");
  }

  @Test
  void event_invoke_configs_answer_with_empty_destination_objects() throws Exception {
    create("fn");

    AwsHttpResponse put = call("PUT", "/2019-09-25/functions/fn/event-invoke-config", "",
        "{\"MaximumRetryAttempts\":1}");
    AwsHttpResponse missing = call("GET", "/2019-09-25/functions/fn/event-invoke-config",
        "Qualifier=7", null);

    assertThat(put.status()).isEqualTo(200);
    JsonNode config = json(put);
    assertThat(config.get("FunctionArn").asText()).isEqualTo(ARN + ":$LATEST");
    assertThat(config.get("MaximumRetryAttempts").asInt()).isEqualTo(1);
    assertThat(config.get("DestinationConfig").toString())
        .isEqualTo("{\"OnSuccess\":{},\"OnFailure\":{}}");
    assertThat(config.get("LastModified").isNumber()).isTrue();
    assertThat(missing.status()).isEqualTo(404);
    assertThat(json(missing).get("Message").asText())
        .isEqualTo("The function " + ARN + ":7 doesn't have an EventInvokeConfig");
    assertThat(json(call("GET", "/2019-09-25/functions/fn/event-invoke-config/list", "", null))
        .get("FunctionEventInvokeConfigs").size()).isEqualTo(1);
  }

  @Test
  void tags_are_added_listed_and_removed_by_arn() throws Exception {
    create("fn");
    String path = "/2017-03-31/tags/" + ARN.replace(":", "%3A");

    call("POST", path, "", "{\"Tags\":{\"a\":\"1\",\"b\":\"2\"}}");
    AwsHttpResponse removed = call("DELETE", path, "tagKeys=a", null);

    assertThat(removed.status()).isEqualTo(204);
    assertThat(json(call("GET", path, "", null)).get("Tags").toString())
        .isEqualTo("{\"b\":\"2\"}");
    AwsHttpResponse qualified = call("GET", path + "%3A1", "", null);
    assertThat(qualified.status()).isEqualTo(400);
  }

  @Test
  void permissions_build_a_stored_policy() throws Exception {
    create("fn");

    AwsHttpResponse added = call("POST", "/2015-03-31/functions/fn/policy", "",
        "{\"StatementId\":\"s3\",\"Action\":\"lambda:InvokeFunction\","
            + "\"Principal\":\"s3.amazonaws.com\",\"SourceArn\":\"arn:aws:s3:::bucket\"}");
    AwsHttpResponse duplicate = call("POST", "/2015-03-31/functions/fn/policy", "",
        "{\"StatementId\":\"s3\",\"Action\":\"lambda:InvokeFunction\","
            + "\"Principal\":\"s3.amazonaws.com\"}");
    JsonNode policy = json(call("GET", "/2015-03-31/functions/fn/policy", "", null));

    assertThat(added.status()).isEqualTo(201);
    assertThat(duplicate.status()).isEqualTo(409);
    JsonNode document = Json.readObject(policy.get("Policy").asText().getBytes());
    assertThat(document.at("/Statement/0/Principal/Service").asText())
        .isEqualTo("s3.amazonaws.com");
    assertThat(document.at("/Statement/0/Resource").asText()).isEqualTo(ARN);
    assertThat(document.at("/Statement/0/Condition/ArnLike/AWS:SourceArn").asText())
        .isEqualTo("arn:aws:s3:::bucket");
    assertThat(call("DELETE", "/2015-03-31/functions/fn/policy/s3", "", null).status())
        .isEqualTo(204);
    AwsHttpResponse none = call("GET", "/2015-03-31/functions/fn/policy", "", null);
    assertThat(none.status()).isEqualTo(404);
    assertThat(json(none).get("Message").asText())
        .isEqualTo("No policy is associated with the given resource.");
  }
}
