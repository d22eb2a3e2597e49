package dev.sluice.bench.scenario;

import dev.sluice.bench.load.LoadResult;
import java.time.Duration;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * How the backlog scenario fills its queue: a probe first, then the rest in one run, unless the
 * probe says the backlog would not be reached within the budget (moto: about 100 messages/s).
 *
 * <p>The probe runs in one-second slices and judges by the latest one: a fresh JVM (ElasticMQ)
 * queues a few hundred messages a second while its JIT compiles and about ten thousand once warm,
 * so an average over the probe left out a target that fills a million in under two minutes.
 */
final class BacklogFill {

  /** The longest the probe runs before a target that is still too slow is left out. */
  static final Duration LONGEST_PROBE = Duration.ofSeconds(30);
  /** The probe judges a target by its latest slice of this length. */
  static final Duration SLICE = Duration.ofSeconds(1);

  /** What the probe saw when it left a target out. */
  record Probe(Duration latest, Duration total) {}

  /** Told the latest rate (messages/s) and the probe when a target is left out. */
  interface LeftOut {
    void note(double rate, Probe probe);
  }

  private BacklogFill() {}

  /**
   * Drives {@code load} (which runs the fill for the given time and stops by itself once all
   * {@code wanted} messages were sent) and returns everything it measured, or null when the
   * target was left out.
   */
  static LoadResult run(
      long wanted, Duration budget, Function<Duration, LoadResult> load, LeftOut leftOut) {
    Duration longestProbe = min(LONGEST_PROBE, budget.dividedBy(4));
    Duration slice = min(SLICE, longestProbe);
    LoadResult probed = null;
    while (true) {
      LoadResult latest = load.apply(slice);
      probed = probed == null ? latest : combine(probed, latest);
      long remaining = wanted - probed.messages();
      if (remaining <= 0 || probed.errors() > 0) {
        return probed;
      }
      double rate = Math.max(latest.messagesPerSecond(), 0.001);
      Duration left = budget.minus(probed.elapsed());
      // A near miss fills what it can within the budget and the scenario says how much that was;
      // only a target far out of reach (twice the time left) is left out.
      if (remaining / rate <= 2.0 * left.toMillis() / 1000.0) {
        return combine(probed, load.apply(left));
      }
      if (probed.elapsed().compareTo(longestProbe) >= 0) {
        leftOut.note(rate, new Probe(latest.elapsed(), probed.elapsed()));
        return null;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static LoadResult combine(LoadResult first, LoadResult second) {
    Histogram latency = first.latencyMicros().copy();
    latency.add(second.latencyMicros());
    return new LoadResult(
        first.operations() + second.operations(),
        first.messages() + second.messages(),
        first.errors() + second.errors(),
        first.elapsed().plus(second.elapsed()),
        latency,
        first.firstError() != null ? first.firstError() : second.firstError());
  }
}
