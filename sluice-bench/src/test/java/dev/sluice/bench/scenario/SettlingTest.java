package dev.sluice.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.BenchSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's stopping rules, driven by scripted server counters (CPU time, JIT compile time)
 * instead of a server. Each scripted slice takes {@link #SLICE_MILLIS} of real time, so the
 * compile time is compared with something.
 */
class SettlingTest {

  private static final int OPERATIONS_PER_SLICE = 1_000;
  private static final long SLICE_MILLIS = 10;

  private final AtomicLong cpuNanos = new AtomicLong();
  /** Compile seconds so far; null: not a JVM the bench can read. */
  private volatile Double compileSeconds;

  @Test
  void a_jvm_is_settled_once_its_jit_compiled_for_at_most_two_percent_of_five_slices() {
    compileSeconds = 0.0;
    // Busy for 8 slices (compiling the whole slice), then a lull of 2, busy again, then quiet.
    double[] compiledPerSlice = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0.01, 0, 0};
    int[] slices = {0};
    Settling.Outcome outcome = Settling.run(context(), Duration.ofMinutes(1), slice -> {
      compileSeconds += compiledPerSlice[slices[0]++] * SLICE_MILLIS / 1000.0;
      return scriptedSlice(20.0);
    });

    assertThat(slices[0]).as("the lull is not enough; five quiet slices after the last burst are")
        .isEqualTo(16);
    assertThat(outcome.settled()).isTrue();
    assertThat(outcome.rule()).isEqualTo(Settling.Rule.JIT);
    assertThat(outcome.cpuMillisPerThousand()).isEqualTo(20.0);
    assertThat(outcome.describe("elasticmq", "messages"))
        .startsWith("elasticmq settled after")
        .endsWith("(by JIT compile time; server CPU per 1,000 messages: 20.0 ms)");
  }

  @Test
  void without_jit_counters_the_median_cpu_per_operation_must_hold_across_two_windows() {
    List<Double> costs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      costs.add(400.0 - 30 * i); // falling
    }
    costs.addAll(Collections.nCopies(100, 100.0));
    costs.set(20, 900.0); // a GC pause spoils one slice, not the rule
    int[] slices = {0};
    Settling.Outcome outcome = Settling.run(context(), Duration.ofMinutes(1),
        slice -> scriptedSlice(costs.get(slices[0]++)));

    assertThat(slices[0]).as("once most of the earlier window is at the final level too")
        .isEqualTo(10 + Settling.WINDOW + (Settling.WINDOW / 2 + 1));
    assertThat(outcome.settled()).isTrue();
    assertThat(outcome.rule()).isEqualTo(Settling.Rule.CPU);
    assertThat(outcome.cpuMillisPerThousand()).isEqualTo(100.0);
  }

  @Test
  void gives_up_when_the_budget_is_spent_and_says_so() {
    compileSeconds = 0.0;
    int[] slices = {0};
    Settling.Outcome outcome = Settling.run(context(), Duration.ofMillis(30), slice -> {
      slices[0]++;
      compileSeconds += 1.0;
      return scriptedSlice(50.0);
    });

    assertThat(outcome.settled()).isFalse();
    assertThat(slices[0]).as("a 30 ms budget is one 30 ms slice").isEqualTo(1);
    assertThat(outcome.describe("sluice", "messages")).startsWith("sluice did not settle in");
  }

  @Test
  void a_target_whose_cpu_and_jit_cannot_be_seen_gets_a_fixed_warm_up_not_the_whole_budget() {
    ScenarioContext unobserved = new ScenarioContext("endpoint", true, null,
        BenchSettings.quick(), 0, "test", name -> {}, () -> null, figure -> {}, note -> {},
        OptionalLong::empty, OptionalDouble::empty);
    int[] slices = {0};
    Settling.Outcome outcome = Settling.run(unobserved, Duration.ofDays(1),
        Duration.ofMillis(50), slice -> {
          slices[0]++;
          return scriptedSlice(Double.NaN);
        });

    assertThat(outcome.rule()).isEqualTo(Settling.Rule.NONE);
    assertThat(outcome.settled()).isFalse();
    assertThat(slices[0]).as("one-second slices do not fit in the 50 ms left: one, not a day's")
        .isEqualTo(1);
    assertThat(outcome.describe("endpoint", "messages"))
        .startsWith("endpoint was warmed up for ")
        .endsWith(" s (by nothing: neither its CPU nor its JIT can be seen)");
  }

  @Test
  void an_unknown_cpu_time_never_counts_as_flat() {
    assertThat(Settling.cpuFlat(Collections.nCopies(2 * Settling.WINDOW, Double.NaN))).isFalse();
  }

  /** Charges the scripted CPU cost, takes the slice's time, reports its operations. */
  private long scriptedSlice(double cpuMillisPerThousand) {
    if (!Double.isNaN(cpuMillisPerThousand)) {
      cpuNanos.addAndGet(Math.round(cpuMillisPerThousand * 1_000_000));
    }
    try {
      Thread.sleep(SLICE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OPERATIONS_PER_SLICE;
  }

  private ScenarioContext context() {
    return new ScenarioContext("sluice", true, null, BenchSettings.quick(), 0, "test",
        name -> {}, () -> null, figure -> {}, note -> {}, () -> OptionalLong.of(cpuNanos.get()),
        () -> compileSeconds == null ? OptionalDouble.empty() : OptionalDouble.of(compileSeconds));
  }
}
