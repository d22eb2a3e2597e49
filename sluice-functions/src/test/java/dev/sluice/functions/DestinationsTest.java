package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import dev.sluice.functions.async.DestinationSender;
import dev.sluice.functions.store.JsonFileFunctionExtrasStore;
import dev.sluice.functions.store.JsonFileFunctionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EventInvokeConfig: retries and maximum age per config, records sent to destinations. */
class DestinationsTest {

  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:events";
  static final String FAILURES = "arn:aws:sqs:us-east-1:000000000000:failures";
  static final String SUCCESSES = "arn:aws:sqs:us-east-1:000000000000:successes";
  static final ObjectMapper JSON = new ObjectMapper();

  record Sent(String queueArn, JsonNode record) {}

  @TempDir Path dataDir;
  @TempDir Path scratch;
  ManualTimeSource time = new ManualTimeSource(1_000_000L);
  List<Sent> sent = new CopyOnWriteArrayList<>();
  FunctionService functions;

  @BeforeEach
  void open() {
    DestinationSender recording = (queueArn, record) -> {
      try {
        sent.add(new Sent(queueArn, JSON.readTree(record)));
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
      return CompletableFuture.completedFuture(null);
    };
    FunctionSettings settings =
        FunctionSettings.of(dataDir, "000000000000", "us-east-1", "http://127.0.0.1:1");
    functions = new FunctionService(settings, time,
        new JsonFileFunctionStore(settings.functionsDir().resolve("definitions")),
        new JsonFileFunctionExtrasStore(settings.functionsDir().resolve("extras")), recording);
    functions.create(FunctionRegistryTest.request("events",
        Zips.python(EventInvocationTest.HANDLER)));
  }

  @AfterEach
  void close() {
    functions.close();
  }

  void send(String tag, boolean fail) {
    String payload = "{\"dir\":\"" + scratch + "\",\"tag\":\"" + tag + "\",\"fail\":" + fail + "}";
    functions.invoke(new InvokeRequest("events", null, InvocationType.EVENT,
        payload.getBytes(StandardCharsets.UTF_8), false, null)).join();
  }

  String calls() throws Exception {
    Path file = scratch.resolve("calls.txt");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  @Test
  void with_no_retries_a_failure_goes_to_the_on_failure_queue_in_aws_record_shape()
      throws Exception {
    functions.putEventInvokeConfig("events", null, 0, null, null, FAILURES, false);

    send("f", true);

    EventInvocationTest.eventually(() -> functions.queuedEvents().isEmpty() && !sent.isEmpty());
    assertThat(calls()).isEqualTo("f\n");
    Sent failure = sent.get(0);
    assertThat(failure.queueArn()).isEqualTo(FAILURES);
    JsonNode record = failure.record();
    assertThat(record.get("version").asText()).isEqualTo("1.0");
    assertThat(record.get("timestamp").asText()).isEqualTo("1970-01-01T00:16:40.000Z");
    assertThat(record.at("/requestContext/functionArn").asText()).isEqualTo(ARN + ":$LATEST");
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(record.at("/requestContext/requestId").asText()).isNotEmpty();
    assertThat(record.at("/requestPayload/tag").asText()).isEqualTo("f");
    assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
    assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
    assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("RuntimeError");
  }

  @Test
  void a_success_goes_to_the_on_success_queue() throws Exception {
    functions.putEventInvokeConfig("events", null, null, null, SUCCESSES, FAILURES, false);

    send("s", false);

    EventInvocationTest.eventually(() -> !sent.isEmpty());
    assertThat(sent).extracting(Sent::queueArn).containsExactly(SUCCESSES);
    JsonNode record = sent.get(0).record();
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
    assertThat(record.at("/responsePayload").asText()).isEqualTo("ok");
    assertThat(record.at("/responseContext/functionError").isMissingNode()).isTrue();
  }

  @Test
  void one_retry_then_the_record_counts_two_invocations() throws Exception {
    functions.putEventInvokeConfig("events", null, 1, null, null, FAILURES, false);
    send("f", true);
    EventInvocationTest.eventually(() -> functions.queuedEvents().stream()
        .anyMatch(e -> e.attempt() == 1));

    time.advance(Duration.ofMinutes(1));

    EventInvocationTest.eventually(() -> !sent.isEmpty());
    assertThat(calls()).isEqualTo("f\nf\n");
    assertThat(sent.get(0).record().at("/requestContext/approximateInvokeCount").asInt())
        .isEqualTo(2);
  }

  @Test
  void an_event_older_than_its_maximum_age_is_not_run_again_and_reported() throws Exception {
    functions.putEventInvokeConfig("events", null, 2, 60, null, FAILURES, false);
    send("f", true);
    EventInvocationTest.eventually(() -> functions.queuedEvents().stream()
        .anyMatch(e -> e.attempt() == 1));

    time.advance(Duration.ofSeconds(61));

    EventInvocationTest.eventually(() -> !sent.isEmpty());
    assertThat(calls()).isEqualTo("f\n");
    JsonNode record = sent.get(0).record();
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    EventInvocationTest.eventually(() -> functions.queuedEvents().isEmpty());
  }

  @Test
  void a_function_destination_receives_the_record_as_its_event() throws Exception {
    functions.create(FunctionRegistryTest.request("sink", Zips.python("""
        import json

        def handler(event, context):
            with open(event["requestPayload"]["dir"] + "/sink.json", "w") as f:
                json.dump(event, f)
        """)));
    functions.putEventInvokeConfig("events", null, 0, null, null,
        "arn:aws:lambda:us-east-1:000000000000:function:sink", false);

    send("f", true);

    Path sink = scratch.resolve("sink.json");
    EventInvocationTest.eventually(() -> Files.exists(sink) && sink.toFile().length() > 0);
    JsonNode record = JSON.readTree(sink.toFile());
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
  }

  @Test
  void event_invoke_configs_are_validated_as_aws_does() {
    VersionsAndAliasesTest.assertError(
        () -> functions.putEventInvokeConfig("events", null, 3, null, null, null, false),
        LambdaError.VALIDATION, "1 validation error detected: Value '3' at"
            + " 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less"
            + " than or equal to 2");
    VersionsAndAliasesTest.assertError(
        () -> functions.putEventInvokeConfig("events", null, null, null, null, null, false),
        LambdaError.INVALID_PARAMETER_VALUE,
        "You must specify at least one of error handling or destination setting.");
    VersionsAndAliasesTest.assertError(
        () -> functions.putEventInvokeConfig("events", null, null, null, ARN, null, false),
        LambdaError.INVALID_PARAMETER_VALUE,
        "You can't specify the function as a destination for itself.");
    VersionsAndAliasesTest.assertError(() -> functions.putEventInvokeConfig("events", null,
        null, null, "arn:aws:lambda:us-east-1:000000000000:function:nope", null, false),
        LambdaError.INVALID_PARAMETER_VALUE, "The destination ARN"
            + " arn:aws:lambda:us-east-1:000000000000:function:nope is invalid.");
    VersionsAndAliasesTest.assertError(
        () -> functions.putEventInvokeConfig("missing", null, 1, null, null, null, false),
        LambdaError.RESOURCE_NOT_FOUND, "The function doesn't exist.");
    VersionsAndAliasesTest.assertError(() -> functions.getEventInvokeConfig("events", null),
        LambdaError.RESOURCE_NOT_FOUND, "The function " + ARN + ":$LATEST doesn't have an"
            + " EventInvokeConfig");
  }

  @Test
  void update_changes_only_the_given_fields() {
    functions.putEventInvokeConfig("events", null, 1, 120, null, FAILURES, false);

    EventInvokeConfig updated =
        functions.putEventInvokeConfig("events", null, 0, null, null, null, true);

    assertThat(updated.maximumRetryAttempts()).isEqualTo(0);
    assertThat(updated.maximumEventAgeInSeconds()).isEqualTo(120);
    assertThat(updated.onFailure()).isEqualTo(FAILURES);
    assertThat(functions.listEventInvokeConfigs("events")).containsOnlyKeys("$LATEST");
    functions.deleteEventInvokeConfig("events", null);
    assertThatThrownBy(() -> functions.getEventInvokeConfig("events", null))
        .isInstanceOf(FunctionException.class);
  }
}
