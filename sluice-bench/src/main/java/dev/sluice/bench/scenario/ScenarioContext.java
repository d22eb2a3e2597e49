package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.SqsClient;
import dev.sluice.bench.target.RunningTarget;
import dev.sluice.bench.target.TargetUnavailableException;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a scenario runs against.
 *
 * @param target target name in results
 * @param holdsLongPolls false for targets that answer every receive at once (the ceiling)
 * @param client connections to the target, all on the generator's single event-loop thread
 * @param round 1-based round number
 * @param queuePrefix unique per run, so queues never collide with an earlier run's
 * @param caseStarted told the name of each case as it starts (progress bar)
 * @param freshInstance starts a second, separate instance of the target (the backlog scenario
 *     fills its own server so a million messages neither slow nor bloat the shared one)
 * @param figures receives single measured values (memory, restart times)
 * @param notes receives lines for the report, e.g. why a target was left out of a scenario
 * @param serverCpuNanos CPU time the target's server process has used so far (empty when unknown)
 * @param serverCompileSeconds time the target's JIT has spent compiling (empty: not a HotSpot JVM
 *     the bench can see)
 */
public record ScenarioContext(
    String target,
    boolean holdsLongPolls,
    SqsClient client,
    BenchSettings settings,
    int round,
    String queuePrefix,
    Consumer<String> caseStarted,
    FreshInstance freshInstance,
    Consumer<Figure> figures,
    Consumer<String> notes,
    Supplier<OptionalLong> serverCpuNanos,
    Supplier<OptionalDouble> serverCompileSeconds) {

  /** Starts a new instance of the target under measurement; the caller closes it. */
  @FunctionalInterface
  public interface FreshInstance {
    RunningTarget start() throws TargetUnavailableException;
  }

  public void figure(String scenario, String name, double value, String unit) {
    figures.accept(new Figure(scenario, target, round, name, value, unit));
  }

  /** Starts reading the server's CPU time, for {@link CpuMeter#millisPerThousand}. */
  public CpuMeter cpuMeter() {
    return new CpuMeter(serverCpuNanos);
  }

  public String queueName(String scenario) {
    return queuePrefix + "-" + scenario + "-r" + round;
  }
}
