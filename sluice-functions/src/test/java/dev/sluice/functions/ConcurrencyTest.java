package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.Concurrency.Permit;
import dev.sluice.functions.Concurrency.Throttle;
import dev.sluice.functions.InvokeRequest.InvocationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reserved and server-wide concurrency: throttled sync invokes, waiting async events. */
class ConcurrencyTest {

  @TempDir Path dataDir;
  @TempDir Path scratch;

  @Test
  void functions_without_a_reservation_share_what_reservations_leave() {
    Concurrency concurrency = new Concurrency(4);
    concurrency.reserve("reserved", 2);

    Permit first = concurrency.tryAcquire("a");
    Permit second = concurrency.tryAcquire("b");
    Permit third = concurrency.tryAcquire("a");

    assertThat(first.granted()).isTrue();
    assertThat(second.granted()).isTrue();
    assertThat(third.refused()).isEqualTo(Throttle.ACCOUNT);
    assertThat(concurrency.tryAcquire("reserved").granted()).isTrue();
    concurrency.release(first);
    assertThat(concurrency.tryAcquire("a").granted()).isTrue();
  }

  @Test
  void a_reserved_function_runs_at_most_its_reservation() {
    Concurrency concurrency = new Concurrency(10);
    concurrency.reserve("f", 1);

    Permit running = concurrency.tryAcquire("f");
    Permit refused = concurrency.tryAcquire("f");
    // The reservation changes while an invocation runs: its permit still releases its own pool.
    concurrency.reserve("f", null);
    concurrency.release(running);

    assertThat(refused.refused()).isEqualTo(Throttle.RESERVED);
    assertThat(refused.refused().reason())
        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
    for (int i = 0; i < 10; i++) {
      assertThat(concurrency.tryAcquire("g").granted()).as("permit %d", i).isTrue();
    }
    assertThat(concurrency.tryAcquire("g").refused()).isEqualTo(Throttle.ACCOUNT);
  }

  @Test
  void reserved_concurrency_zero_throttles_sync_invokes_and_events_wait_in_the_queue()
      throws Exception {
    ManualTimeSource time = new ManualTimeSource(1_000_000L);
    try (FunctionService functions = FunctionService.open(FunctionSettings.of(dataDir,
        "000000000000", "us-east-1", "http://127.0.0.1:1").withConcurrencyLimit(20), time)) {
      functions.create(FunctionRegistryTest.request("fn", Zips.python(EventInvocationTest.HANDLER)));
      functions.putConcurrency("fn", 0);
      byte[] payload = ("{\"dir\":\"" + scratch + "\",\"tag\":\"e\"}")
          .getBytes(StandardCharsets.UTF_8);

      assertThatThrownBy(() -> functions.invoke(new InvokeRequest("fn", null,
          InvocationType.REQUEST_RESPONSE, payload, false, null)))
          .isInstanceOfSatisfying(FunctionException.class, e -> {
            assertThat(e.error()).isEqualTo(LambdaError.TOO_MANY_REQUESTS);
            assertThat(e.getMessage()).isEqualTo("Rate Exceeded.");
            assertThat(e.reason()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
          });
      assertThat(functions.invoke(new InvokeRequest("fn", null, InvocationType.EVENT, payload,
          false, null)).join().statusCode()).isEqualTo(202);
      time.advance(Duration.ofSeconds(30));
      assertThat(functions.queuedEvents()).hasSize(1);
      assertThat(Files.exists(scratch.resolve("calls.txt"))).isFalse();

      functions.deleteConcurrency("fn");
      time.advance(Duration.ofSeconds(1));

      EventInvocationTest.eventually(() -> functions.queuedEvents().isEmpty());
      assertThat(Files.readString(scratch.resolve("calls.txt"))).isEqualTo("e\n");
    }
  }

  @Test
  void reservations_keep_a_tenth_of_the_limit_unreserved() {
    ManualTimeSource time = new ManualTimeSource(1_000_000L);
    try (FunctionService functions = FunctionService.open(FunctionSettings.of(dataDir,
        "000000000000", "us-east-1", "http://127.0.0.1:1").withConcurrencyLimit(20), time)) {
      functions.create(FunctionRegistryTest.request("a", FunctionRegistryTest.CODE));
      functions.create(FunctionRegistryTest.request("b", FunctionRegistryTest.CODE));
      functions.putConcurrency("a", 10);

      assertThatThrownBy(() -> functions.putConcurrency("b", 9))
          .isInstanceOfSatisfying(FunctionException.class, e -> assertThat(e.getMessage())
              .isEqualTo("Specified ReservedConcurrentExecutions for function decreases"
                  + " account's UnreservedConcurrentExecution below its minimum value of [2]."));
      assertThatThrownBy(() -> functions.putConcurrency("a:1", 1))
          .isInstanceOfSatisfying(FunctionException.class,
              e -> assertThat(e.error()).isEqualTo(LambdaError.INVALID_PARAMETER_VALUE));
      functions.putConcurrency("b", 8);
      assertThat(functions.accountSettings().concurrentExecutions()).isEqualTo(20);
      assertThat(functions.accountSettings().unreservedConcurrentExecutions()).isEqualTo(2);
      functions.delete("a", null);
      assertThat(functions.accountSettings().unreservedConcurrentExecutions()).isEqualTo(12);
    }
  }
}
