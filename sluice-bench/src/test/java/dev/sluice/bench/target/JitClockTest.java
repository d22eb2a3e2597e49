package dev.sluice.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads this test's own JVM's counters: it has compiled plenty by the time the test runs. */
class JitClockTest {

  @TempDir Path dir;

  @Test
  void reads_the_compile_time_a_running_jvm_publishes_and_it_only_grows() {
    JitClock clock = new JitClock(ProcessHandle.current().pid());

    double before = clock.compileSeconds().orElseThrow();
    long sum = 0;
    for (int i = 0; i < 5_000_000; i++) {
      sum += Integer.toString(i).hashCode(); // something for the JIT to compile
    }

    assertThat(before).isPositive();
    assertThat(clock.compileSeconds().orElseThrow()).as("sum %d", sum)
        .isGreaterThanOrEqualTo(before);
  }

  @Test
  void a_process_without_counters_or_a_file_that_is_not_a_counter_buffer_reads_as_unknown()
      throws Exception {
    assertThat(new JitClock(dir.resolve("12345")).compileSeconds()).isEmpty();
    Path garbage = Files.write(dir.resolve("garbage"), new byte[4096]);
    assertThat(new JitClock(garbage).compileSeconds()).isEmpty();
  }
}
