package dev.sluice.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Load in one-second slices until the target's JIT has gone quiet, or a time budget runs out.
 * why: every target is pinned to one CPU, and there the JIT compiler took 30-60% of it for a long
 * time after a start (profiled; a new kind of request starts it again). A fixed two-second
 * warm-up left it running through the measurements: rates still rose from round to round, and
 * compile bursts made most of the warm invokes' 99th percentile.
 *
 * <p>Measured slice by slice under mixed SQS load: Sluice's CPU per message fell for about 20 s;
 * ElasticMQ's for about 115 s, with flat stretches of 20-30 s on the way, during which its JIT
 * compiled as busily as before ({@code jstat -compiler}: about one second of compiling per
 * second until then, next to nothing after). So a flat CPU curve does not mean warm; the compile
 * time does. The rules:
 *
 * <ul>
 *   <li>A HotSpot JVM whose counters the bench can read: settled when its JIT compiled for at most
 *       {@value #JIT_PERCENT}% of the last {@value #JIT_SLICES} slices' time.
 *   <li>Anything else (moto): settled when the median CPU per operation of the last {@value
 *       #WINDOW} slices is no more than {@value #TOLERANCE_PERCENT}% below the median of the
 *       {@value #WINDOW} before (medians: a GC pause spoils one slice, not the rule).
 *   <li>A target whose CPU time the bench cannot see either (an endpoint someone else runs) gets
 *       {@link #UNOBSERVED} of load, at most: nothing can tell when it is done.
 * </ul>
 */
public final class Settling {

  static final Duration SLICE = Duration.ofSeconds(1);
  static final int JIT_SLICES = 5;
  static final int JIT_PERCENT = 2;
  /** Slices per window: the last window is compared with the one before it. */
  static final int WINDOW = 15;
  /** How much lower the last window's median may be than the one before's, and still settled. */
  static final int TOLERANCE_PERCENT = 3;
  static final Duration UNOBSERVED = Duration.ofSeconds(30);

  /** What decided that the target had settled. */
  public enum Rule {
    JIT("JIT compile time"),
    CPU("CPU per operation"),
    NONE("nothing: neither its CPU nor its JIT can be seen");

    private final String description;

    Rule(String description) {
      this.description = description;
    }
  }

  /** Runs the load for one slice and says how many operations (or messages) it completed. */
  @FunctionalInterface
  public interface Load {
    long run(Duration slice);
  }

  /**
   * @param took how long the warm-up ran
   * @param settled false when the budget ran out first
   * @param rule what decided
   * @param cpuMillisPerThousand server CPU per 1,000 operations, the median of the last slices
   *     (NaN: unknown)
   */
  public record Outcome(Duration took, boolean settled, Rule rule,
      double cpuMillisPerThousand) {

    public String describe(String target, String what) {
      String cpu = Double.isNaN(cpuMillisPerThousand) ? ""
          : String.format("; server CPU per 1,000 %s: %.1f ms", what, cpuMillisPerThousand);
      if (rule == Rule.NONE) {
        return String.format("%s was warmed up for %.1f s (by %s)", target, seconds(),
            rule.description);
      }
      return settled
          ? String.format("%s settled after %.1f s of warm-up (by %s%s)", target, seconds(),
              rule.description, cpu)
          : String.format("%s did not settle in %.1f s of warm-up (by %s%s)", target, seconds(),
              rule.description, cpu);
    }

    private double seconds() {
      return took.toMillis() / 1000.0;
    }
  }

  /** What one slice cost: wall time, server CPU per 1,000 operations, compile seconds so far. */
  record Slice(long nanos, double cpuPerThousand, OptionalDouble compileSeconds) {}

  private Settling() {}

  /** Runs {@code load} in slices until settled or {@code budget} is spent (at least one slice). */
  public static Outcome run(ScenarioContext context, Duration budget, Load load) {
    return run(context, budget, UNOBSERVED, load);
  }

  static Outcome run(ScenarioContext context, Duration budget, Duration unobserved, Load load) {
    Duration slice = budget.compareTo(SLICE) < 0 ? budget : SLICE;
    List<Slice> slices = new ArrayList<>();
    OptionalDouble compiledBefore = context.serverCompileSeconds().get();
    long start = System.nanoTime();
    Duration took;
    Duration limit = budget;
    do {
      long sliceStart = System.nanoTime();
      CpuMeter cpu = context.cpuMeter();
      long operations = load.run(slice);
      slices.add(new Slice(System.nanoTime() - sliceStart, cpu.millisPerThousand(operations),
          context.serverCompileSeconds().get()));
      took = Duration.ofNanos(System.nanoTime() - start);
      if (settled(compiledBefore, slices)) {
        return outcome(took, true, compiledBefore, slices);
      }
      if (rule(compiledBefore, slices) == Rule.NONE && unobserved.compareTo(limit) < 0) {
        limit = unobserved;
      }
    } while (took.plus(slice).compareTo(limit) <= 0);
    return outcome(took, false, compiledBefore, slices);
  }

  static boolean settled(OptionalDouble compiledBefore, List<Slice> slices) {
    return switch (rule(compiledBefore, slices)) {
      case JIT -> jitQuiet(compiledBefore, slices);
      case CPU -> cpuFlat(slices.stream().map(Slice::cpuPerThousand).toList());
      case NONE -> false;
    };
  }

  private static Rule rule(OptionalDouble compiledBefore, List<Slice> slices) {
    if (compiledBefore.isPresent()
        && slices.stream().allMatch(slice -> slice.compileSeconds().isPresent())) {
      return Rule.JIT;
    }
    return slices.stream().allMatch(slice -> Double.isNaN(slice.cpuPerThousand())) ? Rule.NONE
        : Rule.CPU;
  }

  private static boolean jitQuiet(OptionalDouble compiledBefore, List<Slice> slices) {
    int size = slices.size();
    if (size < JIT_SLICES) {
      return false;
    }
    double compiledAtStart = size == JIT_SLICES ? compiledBefore.getAsDouble()
        : slices.get(size - JIT_SLICES - 1).compileSeconds().getAsDouble();
    double compiled = slices.get(size - 1).compileSeconds().getAsDouble() - compiledAtStart;
    long nanos = slices.subList(size - JIT_SLICES, size).stream().mapToLong(Slice::nanos).sum();
    return compiled * 1e9 <= nanos * JIT_PERCENT / 100.0;
  }

  static boolean cpuFlat(List<Double> perThousand) {
    int size = perThousand.size();
    if (size < 2 * WINDOW) {
      return false;
    }
    double last = median(perThousand.subList(size - WINDOW, size));
    double before = median(perThousand.subList(size - 2 * WINDOW, size - WINDOW));
    return last > 0 && before > 0 && last >= before * (100 - TOLERANCE_PERCENT) / 100.0;
  }

  /** NaN (CPU time unknown) sorts last, so a window of them has a NaN median: never settled. */
  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static Outcome outcome(
      Duration took, boolean settled, OptionalDouble compiledBefore, List<Slice> slices) {
    int size = slices.size();
    Rule rule = rule(compiledBefore, slices);
    int recent = rule == Rule.JIT ? JIT_SLICES : WINDOW;
    List<Double> last = slices.subList(Math.max(0, size - recent), size).stream()
        .map(Slice::cpuPerThousand).toList();
    return new Outcome(took, settled, rule, median(last));
  }
}
