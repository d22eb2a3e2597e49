package dev.sluice.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Waits until servers are idle (under 10% of a CPU over a quarter second), so background work
 * left behind does not weigh on the next measurement. Bounded: a server that never settles is
 * measured anyway.
 */
public final class Quiet {

  private static final Duration WINDOW = Duration.ofMillis(250);
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Quiet() {}

  /** The target under measurement: e.g. queued Event invokes, environments ending. */
  static void await(ScenarioContext context) {
    await(context.serverCpuNanos(), LIMIT);
  }

  /**
   * Every server at once, before a target's turn: one target's flushes, compactions, collections
   * or compiles after its measurement would otherwise land in the next target's (they share the
   * server CPU). Servers whose CPU time cannot be read are left out.
   */
  public static void awaitAll(List<Supplier<OptionalLong>> servers, Duration limit) {
    await(() -> {
      long total = 0;
      boolean known = false;
      for (Supplier<OptionalLong> server : servers) {
        OptionalLong nanos = server.get();
        if (nanos.isPresent()) {
          total += nanos.getAsLong();
          known = true;
        }
      }
      return known ? OptionalLong.of(total) : OptionalLong.empty();
    }, limit);
  }

  private static void await(Supplier<OptionalLong> cpuNanos, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      CpuMeter meter = new CpuMeter(cpuNanos);
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
