package dev.sluice.functions.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureRunTest {

  private final FailureRun run = new FailureRun();

  @Test
  void a_lasting_failure_is_reported_first_and_then_once_a_minute_with_its_count() {
    List<Integer> reported = new ArrayList<>();
    // retries every 5 s for three minutes
    for (long now = 0; now <= 180_000; now += MappingPoller.ERROR_PAUSE_MILLIS) {
      int count = run.failed(now);
      if (count > 0) {
        reported.add(count);
      }
    }

    assertThat(reported).containsExactly(1, 13, 25, 37);
  }

  @Test
  void a_success_ends_the_run_and_the_next_failure_is_reported_at_once() {
    run.failed(0);
    run.failed(5_000);

    assertThat(run.succeeded()).isEqualTo(2);
    assertThat(run.succeeded()).isZero();
    assertThat(run.failed(10_000)).isEqualTo(1);
  }
}
