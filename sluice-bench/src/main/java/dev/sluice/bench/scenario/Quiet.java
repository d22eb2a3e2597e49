package dev.sluice.bench.scenario;

import java.time.Duration;

/**
 * Waits until the server is idle (under 10% of a CPU over a quarter second), so background work a
 * scenario left behind (queued Event invokes, environments ending) does not weigh on the next
 * measurement. Bounded: a server that never settles is measured anyway.
 */
final class Quiet {

  private static final Duration WINDOW = Duration.ofMillis(250);
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Quiet() {}

  static void await(ScenarioContext context) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      CpuMeter meter = context.cpuMeter();
      try {
        Thread.sleep(WINDOW.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      double used = meter.millisSoFar();
      if (Double.isNaN(used) || used < WINDOW.toMillis() * 0.1) {
        return;
      }
    }
  }
}
