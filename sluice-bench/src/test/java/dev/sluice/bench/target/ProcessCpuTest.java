package dev.sluice.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcessCpuTest {

  @Test
  void cpu_time_grows_by_about_what_a_busy_thread_spent_and_never_by_more_than_the_wall_clock_allows() {
    OptionalLong before = ProcessCpu.nanos(ProcessHandle.current());
    long threadBefore = threadCpuNanos();
    long wallStart = System.nanoTime();
    long sink = 0;
    while (threadCpuNanos() - threadBefore < 300_000_000L) {
      sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
    }
    long wall = System.nanoTime() - wallStart;
    OptionalLong after = ProcessCpu.nanos(ProcessHandle.current());

    assertThat(before).isPresent();
    assertThat(after).isPresent();
    long used = after.getAsLong() - before.getAsLong();
    // 300 ms on this thread, read with 10 ms ticks; other JVM threads (JIT, GC) only add.
    assertThat(used).as("sink %d", sink).isGreaterThanOrEqualTo(250_000_000L);
    long ticks = 20_000_000L;
    assertThat(used).isLessThanOrEqualTo(wall * Runtime.getRuntime().availableProcessors() + ticks);
  }

  @Test
  void a_process_that_does_not_exist_has_no_figure_rather_than_zero() {
    assertThat(ProcessCpu.ticks(Long.MAX_VALUE)).isEmpty();
  }

  private static long threadCpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
