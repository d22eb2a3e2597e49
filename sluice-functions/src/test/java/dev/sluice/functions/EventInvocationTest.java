package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event invocations: stored before the 202, run in the background, retried as AWS does. */
class EventInvocationTest {

  // Appends each event to a file in a folder the test owns, then fails if asked to.
  static final String HANDLER = """
      import json, os

      def handler(event, context):
          with open(os.path.join(event["dir"], "calls.txt"), "a") as f:
              f.write(event["tag"] + "\\n")
          if event.get("fail"):
              raise RuntimeError("failing on purpose")
          return "ok"
      """;

  @TempDir Path dataDir;
  @TempDir Path scratch;
  ManualTimeSource time = new ManualTimeSource(1_000_000L);
  FunctionService functions;

  @BeforeEach
  void open() {
    functions = open(time);
    functions.create(FunctionRegistryTest.request("events", Zips.python(HANDLER)));
  }

  FunctionService open(ManualTimeSource clock) {
    return FunctionService.open(FunctionSettings.of(dataDir, "000000000000", "us-east-1",
        "http://127.0.0.1:1"), clock);
  }

  @AfterEach
  void close() {
    functions.close();
  }

  InvokeOutcome send(String tag, boolean fail) {
    String payload = "{\"dir\":\"" + scratch + "\",\"tag\":\"" + tag + "\",\"fail\":" + fail + "}";
    return functions.invoke(new InvokeRequest("events", null, InvocationType.EVENT,
        payload.getBytes(StandardCharsets.UTF_8), false, null)).join();
  }

  String calls() throws Exception {
    Path file = scratch.resolve("calls.txt");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void an_event_is_accepted_with_202_and_runs_in_the_background() throws Exception {
    InvokeOutcome outcome = send("a", false);

    assertThat(outcome.statusCode()).isEqualTo(202);
    assertThat(outcome.payload()).isEmpty();
    eventually(() -> functions.queuedEvents().isEmpty());
    assertThat(calls()).isEqualTo("a\n");
  }

  // The stored retry once it is written: attempt number and when it may run.
  void awaitRetry(int attempt, long notBefore) throws InterruptedException {
    eventually(() -> functions.queuedEvents().stream()
        .anyMatch(e -> e.attempt() == attempt && e.notBeforeMillis() == notBefore));
  }

  @Test
  void a_failing_event_is_retried_twice_a_minute_then_two_minutes_later() throws Exception {
    long start = time.nowMillis();
    send("f", true);
    awaitRetry(1, start + 60_000);

    time.advance(Duration.ofSeconds(59));
    assertThat(calls()).isEqualTo("f\n");
    time.advance(Duration.ofSeconds(1));
    awaitRetry(2, start + 60_000 + 120_000);
    assertThat(calls()).isEqualTo("f\nf\n");
    time.advance(Duration.ofMinutes(2));

    eventually(() -> functions.queuedEvents().isEmpty());
    assertThat(calls()).isEqualTo("f\nf\nf\n");
    time.advance(Duration.ofMinutes(10));
    assertThat(calls()).isEqualTo("f\nf\nf\n");
  }

  @Test
  void a_stored_event_runs_after_a_restart() throws Exception {
    send("f", true);
    awaitRetry(1, 1_000_000L + 60_000);
    functions.close();

    ManualTimeSource later = new ManualTimeSource(1_000_000L + 61_000L);
    functions = open(later);

    eventually(() -> readQuietly().equals("f\nf\n"));
    awaitRetry(2, 1_000_000L + 61_000L + 120_000L);
  }

  @Test
  void an_event_is_answered_only_once_it_is_stored() throws Exception {
    // Hold the function back (reserved concurrency 0), so the stored event stays on disk.
    functions.putConcurrency("events", 0);
    String payload = "{\"dir\":\"" + scratch + "\",\"tag\":\"w\",\"fail\":false}";

    List<Integer> storedWhenAnswered = functions.invoke(new InvokeRequest("events", null,
            InvocationType.EVENT, payload.getBytes(StandardCharsets.UTF_8), false, null))
        .thenApply(answer -> List.of(answer.statusCode(), functions.queuedEvents().size()))
        .join();

    assertThat(storedWhenAnswered).containsExactly(202, 1);
  }

  @Test
  void an_event_after_close_is_refused_and_not_stored() {
    functions.close();

    assertThatThrownBy(() -> send("late", false))
        .hasRootCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    functions = open(time);
    assertThat(functions.queuedEvents()).isEmpty();
  }

  @Test
  void an_event_payload_over_1_mb_is_too_large() {
    byte[] payload = ("\"" + "x".repeat(1024 * 1024) + "\"").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> functions.invoke(new InvokeRequest("events", null,
        InvocationType.EVENT, payload, false, null)))
        .isInstanceOfSatisfying(FunctionException.class,
            e -> assertThat(e.error()).isEqualTo(LambdaError.REQUEST_TOO_LARGE));
    assertThat(functions.queuedEvents()).isEmpty();
  }

  private String readQuietly() {
    try {
      return calls();
    } catch (Exception e) {
      return "";
    }
  }
}
