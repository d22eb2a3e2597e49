package dev.sluice.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ChildProcessTest {

  @Test
  void a_frozen_process_is_stopped_until_thawed() throws Exception {
    ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "60"), Map.of(), null);
    try {
      child.freeze();
      assertThat(eventually(child::stopped)).isTrue();

      child.thaw();
      assertThat(eventually(() -> !child.stopped())).isTrue();
    } finally {
      child.close();
    }
  }

  @Test
  void closing_a_frozen_process_ends_it_with_sigterm_not_sigkill() throws Exception {
    ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "60"), Map.of(), null);
    child.freeze();
    assertThat(eventually(child::stopped)).isTrue();

    child.close();

    assertThat(child.killed()).isFalse();
    assertThat(child.cpuNanos()).isEmpty();
  }

  /** Signals are delivered asynchronously: polls the condition for up to 5 s. */
  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
