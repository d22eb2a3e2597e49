package dev.sluice.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.load.LoadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The backlog fill's probe, driven by a scripted target instead of a server. */
class BacklogFillTest {

  private static final long MILLION = 1_000_000;
  private static final Duration BUDGET = Duration.ofMinutes(5);

  private final List<Duration> runs = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  @Test
  void a_target_that_is_slow_while_its_jit_warms_up_is_judged_by_its_latest_second() {
    // ElasticMQ in a fresh JVM: a few hundred messages a second at first, thousands when warm.
    // Judged by the average of its first five seconds (300/s, a million in 56 minutes), as the
    // probe once did, it was left out.
    LoadResult fill = BacklogFill.run(
        MILLION, BUDGET, target(100, 200, 300, 400, 500, 8_000), this::note);

    assertThat(runs).hasSize(7).first().isEqualTo(seconds(1));
    assertThat(runs.subList(0, 6)).allMatch(seconds(1)::equals);
    assertThat(runs.get(6)).as("the rest runs in one go, for what is left of the budget")
        .isEqualTo(BUDGET.minusSeconds(6));
    assertThat(fill).isNotNull();
    assertThat(fill.messages()).isEqualTo(MILLION);
    assertThat(notes).isEmpty();
  }

  @Test
  void a_target_far_out_of_reach_is_left_out_after_the_longest_probe() {
    LoadResult fill = BacklogFill.run(MILLION, BUDGET, target(80), this::note);

    assertThat(fill).isNull();
    assertThat(runs).hasSize(30).allMatch(seconds(1)::equals);
    assertThat(notes).containsExactly("80 messages/s in the last 1.0 s of a 30.0 s probe");
  }

  @Test
  void a_near_miss_fills_what_it_can_but_one_needing_over_twice_the_budget_is_left_out() {
    // 2,000/s needs about 500 s of the 299 left: within twice the budget, so it fills.
    assertThat(BacklogFill.run(MILLION, BUDGET, target(2_000), this::note)).isNotNull();
    assertThat(runs).hasSize(2);
    assertThat(notes).isEmpty();

    runs.clear();
    // 1,500/s needs about 666 s: more than twice the budget at every slice.
    assertThat(BacklogFill.run(MILLION, BUDGET, target(1_500), this::note)).isNull();
    assertThat(runs).hasSize(30);
    assertThat(notes).hasSize(1);
  }

  @Test
  void a_short_budget_probes_a_quarter_of_it() {
    assertThat(BacklogFill.run(MILLION, Duration.ofSeconds(10), target(1_000), this::note))
        .isNull();
    assertThat(runs).containsExactly(seconds(1), seconds(1), seconds(1));
    assertThat(notes).containsExactly("1000 messages/s in the last 1.0 s of a 3.0 s probe");
  }

  @Test
  void a_backlog_queued_within_the_probe_needs_no_second_run() {
    LoadResult fill = BacklogFill.run(10_000, BUDGET, scripted(10_000, 20_000), this::note);

    assertThat(runs).containsExactly(seconds(1));
    assertThat(fill.messages()).isEqualTo(10_000);
  }

  @Test
  void errors_end_the_fill_with_what_was_measured() {
    Function<Duration, LoadResult> failing = length -> {
      runs.add(length);
      return new LoadResult(3, 20, 1, length, new Histogram(3), "InternalError");
    };
    LoadResult fill = BacklogFill.run(MILLION, BUDGET, failing, this::note);

    assertThat(runs).hasSize(1);
    assertThat(fill.errors()).isEqualTo(1);
    assertThat(fill.firstError()).isEqualTo("InternalError");
  }

  /** A target that sends at the given rates, one per slice, the last one from then on. */
  private Function<Duration, LoadResult> scripted(long wanted, double... rates) {
    long[] sent = {0};
    return length -> {
      double rate = rates[Math.min(runs.size(), rates.length - 1)];
      runs.add(length);
      long messages = Math.min(wanted - sent[0], Math.round(rate * length.toMillis() / 1000.0));
      sent[0] += messages;
      return new LoadResult(messages / 10, messages, 0, length, new Histogram(3), null);
    };
  }

  private Function<Duration, LoadResult> target(double... rates) {
    return scripted(MILLION, rates);
  }

  private void note(double rate, BacklogFill.Probe probe) {
    notes.add(String.format(Locale.ROOT, "%.0f messages/s in the last %.1f s of a %.1f s probe",
        rate, probe.latest().toMillis() / 1000.0, probe.total().toMillis() / 1000.0));
  }

  private static Duration seconds(long n) {
    return Duration.ofSeconds(n);
  }
}
