package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import dev.sluice.functions.async.DeadLetter;
import dev.sluice.functions.async.DestinationSender;
import dev.sluice.functions.store.JsonFileFunctionExtrasStore;
import dev.sluice.functions.store.JsonFileFunctionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeadLetterConfig: where Event invocations that failed for good go without a destination. */
class DeadLetterQueueTest {

  static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dead-letters";
  static final String FAILURES = "arn:aws:sqs:us-east-1:000000000000:failures";

  record Letter(String queueArn, DeadLetter letter) {}

  @TempDir Path dataDir;
  @TempDir Path scratch;
  ManualTimeSource time = new ManualTimeSource(1_000_000L);
  List<Letter> letters = new CopyOnWriteArrayList<>();
  List<String> records = new CopyOnWriteArrayList<>();
  FunctionService functions;

  @BeforeEach
  void open() {
    DestinationSender recording = new DestinationSender() {
      @Override
      public CompletableFuture<Void> sendToQueue(String queueArn, String record) {
        records.add(queueArn);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<Void> sendDeadLetter(String queueArn, DeadLetter letter) {
        letters.add(new Letter(queueArn, letter));
        return CompletableFuture.completedFuture(null);
      }
    };
    FunctionSettings settings =
        FunctionSettings.of(dataDir, "000000000000", "us-east-1", "http://127.0.0.1:1");
    functions = new FunctionService(settings, time,
        new JsonFileFunctionStore(settings.functionsDir().resolve("definitions")),
        new JsonFileFunctionExtrasStore(settings.functionsDir().resolve("extras")), recording);
    functions.create(new CreateFunctionRequest("events", FunctionRegistryTest.RUNTIME,
        "handler.handler", FunctionRegistryTest.ROLE, null, null, null, null, null, null, null,
        Zips.python(EventInvocationTest.HANDLER), DLQ));
    functions.putEventInvokeConfig("events", null, 0, null, null, null, false);
  }

  @AfterEach
  void close() {
    functions.close();
  }

  String send(boolean fail) {
    String payload = "{\"dir\":\"" + scratch + "\",\"tag\":\"t\",\"fail\":" + fail + "}";
    functions.invoke(new InvokeRequest("events", null, InvocationType.EVENT,
        payload.getBytes(StandardCharsets.UTF_8), false, null)).join();
    return payload;
  }

  @Test
  void an_event_that_exhausted_its_retries_goes_to_the_dead_letter_queue_with_aws_attributes()
      throws Exception {
    String payload = send(true);

    EventInvocationTest.eventually(() -> functions.queuedEvents().isEmpty() && !letters.isEmpty());
    assertThat(letters).hasSize(1);
    Letter sent = letters.get(0);
    assertThat(sent.queueArn()).isEqualTo(DLQ);
    assertThat(sent.letter().body()).isEqualTo(payload);
    assertThat(sent.letter().errorCode()).isEqualTo(200);
    assertThat(sent.letter().errorMessage()).isEqualTo("failing on purpose");
    assertThat(sent.letter().requestId()).hasSize(36);
    assertThat(records).isEmpty();
  }

  @Test
  void a_success_sends_no_dead_letter() throws Exception {
    send(false);

    EventInvocationTest.eventually(() -> functions.queuedEvents().isEmpty());
    assertThat(letters).isEmpty();
  }

  @Test
  void an_on_failure_destination_takes_the_place_of_the_dead_letter_queue() throws Exception {
    functions.putEventInvokeConfig("events", null, 0, null, null, FAILURES, false);

    send(true);

    EventInvocationTest.eventually(() -> functions.queuedEvents().isEmpty() && !records.isEmpty());
    assertThat(records).containsExactly(FAILURES);
    assertThat(letters).isEmpty();
  }

  @Test
  void the_dead_letter_queue_is_configuration_kept_by_versions_and_removed_by_an_empty_arn() {
    assertThat(functions.get("events", null).deadLetterTargetArn()).isEqualTo(DLQ);
    FunctionDefinition version = functions.publishVersion("events", null, null, null);
    functions.updateConfiguration("events", new ConfigurationUpdate(
        null, null, null, null, null, null, null, null, ""));

    assertThat(functions.get("events", null).deadLetterTargetArn()).isNull();
    assertThat(functions.get("events", version.version()).deadLetterTargetArn()).isEqualTo(DLQ);
  }

  @Test
  void a_dead_letter_target_that_is_no_queue_is_refused() {
    assertThatThrownBy(() -> functions.updateConfiguration("events", new ConfigurationUpdate(
        null, null, null, null, null, null, null, null, "arn:aws:sns:us-east-1:000000000000:t")))
        .isInstanceOfSatisfying(FunctionException.class,
            e -> assertThat(e.error()).isEqualTo(LambdaError.INVALID_PARAMETER_VALUE));
    assertThatThrownBy(() -> functions.updateConfiguration("events", new ConfigurationUpdate(
        null, null, null, null, null, null, null, null, "not-an-arn")))
        .isInstanceOfSatisfying(FunctionException.class,
            e -> assertThat(e.error()).isEqualTo(LambdaError.VALIDATION));
    assertThat(functions.get("events", null).deadLetterTargetArn()).isEqualTo(DLQ);
  }
}
