package dev.sluice.bench;

import dev.sluice.bench.load.SqsClient;
import dev.sluice.bench.report.BenchResults;
import dev.sluice.bench.report.Charts;
import dev.sluice.bench.report.JsonReport;
import dev.sluice.bench.report.MarkdownReport;
import dev.sluice.bench.scenario.CaseResult;
import dev.sluice.bench.scenario.Quiet;
import dev.sluice.bench.scenario.Scenario;
import dev.sluice.bench.scenario.ScenarioContext;
import dev.sluice.bench.scenario.TargetWarmUp;
import dev.sluice.bench.target.RunningTarget;
import dev.sluice.bench.target.Target;
import dev.sluice.bench.target.TargetEnvironment;
import dev.sluice.bench.target.TargetUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One bench run: starts the targets, measures every scenario on every target round by round (the
 * targets take turns, A B A B, so a slow patch of a shared machine hits all of them), stops the
 * targets and writes results.json, results.md and the charts.
 */
public final class BenchRun {

  private final BenchSettings settings;
  private final List<Scenario> scenarios;
  private final List<Target> targets;
  private final TargetEnvironment environment;
  private final Path outputDir;
  private final PrintStream log;
  private final boolean terminal;
  private final boolean freezeIdle;

  public BenchRun(
      BenchSettings settings,
      List<Scenario> scenarios,
      List<Target> targets,
      TargetEnvironment environment,
      Path outputDir,
      PrintStream log,
      boolean terminal,
      boolean freezeIdle) {
    this.settings = settings;
    this.scenarios = List.copyOf(scenarios);
    this.targets = List.copyOf(targets);
    this.environment = environment;
    this.outputDir = outputDir;
    this.log = log;
    this.terminal = terminal;
    this.freezeIdle = freezeIdle;
  }

  public BenchResults run() throws IOException {
    BenchResults results = new BenchResults(settings, Instant.now(), scenarios);
    results.machine("host", MachineInfo.describe());
    results.machine("pinning", Map.of("enabled", Boolean.toString(environment.pinning().enabled())));
    environment.pinning().pinThisProcessToGeneratorCpu();
    Map<Target, RunningTarget> running = startTargets(results);
    // Ctrl-C must not leave servers behind (close is idempotent).
    Thread cleanup =
        new Thread(() -> running.values().forEach(RunningTarget::close), "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    Map<Target, SqsClient> clients = new LinkedHashMap<>();
    running.forEach((target, server) -> clients.put(target, new SqsClient(server.endpoint())));
    String queuePrefix = "bench" + Long.toString(System.currentTimeMillis(), 36);
    try (Progress progress = new Progress(log, terminal, plannedCases(running.keySet()))) {
      if (scenarios.stream().anyMatch(Scenario::measuresSharedTarget)) {
        for (Target target : running.keySet()) {
          turnOf(target, running);
          warmUp(context(target, 0, running, clients, results, progress, queuePrefix), results,
              progress);
        }
      }
      List<Supplier<OptionalLong>> serverCpu = cpuOfAll(running);
      for (int round = 1; round <= settings.rounds(); round++) {
        for (Scenario scenario : scenarios) {
          for (Target target : running.keySet()) {
            ScenarioContext context =
                context(target, round, running, clients, results, progress, queuePrefix);
            turnOf(target, running);
            // Bounded by two measurements' length: 10 s in full runs, 1 s in the quick one.
            Quiet.awaitAll(serverCpu, settings.measure().multipliedBy(2));
            measure(scenario, context, running.get(target), results, progress);
          }
        }
      }
    } finally {
      running.values().forEach(RunningTarget::thaw);
      running.forEach((target, server) ->
          server.residentBytes().ifPresent(bytes -> results.residentBytes(target.name(), bytes)));
      clients.values().forEach(SqsClient::close);
      running.values().forEach(RunningTarget::close);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    writeReports(results);
    return results;
  }

  /**
   * Lets the target run and, unless told otherwise, freezes every other server until its own
   * turn.
   *
   * <p>why: the servers share one CPU. An idle ElasticMQ still used 0-3% of it, and Sluice's
   * steady-pipeline p99 at 50% of peak was 3.7 ms in a run without ElasticMQ against 14.7 and
   * 25.5 ms in two runs with it, on the same build. Frozen, a server can do nothing that lands
   * in another's measurement; what it deferred meanwhile it does in its own turn, where {@link
   * Quiet} waits for it before measuring.
   */
  private void turnOf(Target target, Map<Target, RunningTarget> running) {
    if (!freezeIdle) {
      return; // nothing was frozen: no signals to send
    }
    running.get(target).thaw();
    running.forEach((other, server) -> {
      if (other != target) {
        server.freeze();
      }
    });
  }

  private static List<Supplier<OptionalLong>> cpuOfAll(Map<Target, RunningTarget> running) {
    List<Supplier<OptionalLong>> cpu = new ArrayList<>();
    running.values().forEach(server -> cpu.add(server::cpuNanos));
    return cpu;
  }

  /** Round 0 is the warm-up before the first round. */
  private ScenarioContext context(
      Target target,
      int round,
      Map<Target, RunningTarget> running,
      Map<Target, SqsClient> clients,
      BenchResults results,
      Progress progress,
      String queuePrefix) {
    String where = round == 0 ? " @ " + target.name() + " (warm-up)"
        : " @ " + target.name() + " (round " + round + "/" + settings.rounds() + ")";
    return new ScenarioContext(
        target.name(), target.holdsLongPolls(), clients.get(target), settings, round,
        queuePrefix, caseName -> progress.step(caseName + where),
        () -> target.start(environment), results::add,
        note -> {
          results.note(note);
          progress.say("bench: " + note);
        },
        running.get(target)::cpuNanos, running.get(target)::compileSeconds);
  }

  /** A target that cannot be warmed up is measured anyway: its scenarios report what fails. */
  private void warmUp(ScenarioContext context, BenchResults results, Progress progress) {
    progress.say("bench: warming up " + context.target() + "...");
    try {
      results.warmedUp(context.target(), TargetWarmUp.run(context));
    } catch (RuntimeException e) {
      context.notes().accept("warm-up: " + context.target() + " failed: " + e.getMessage());
    }
  }

  public Path outputDir() {
    return outputDir;
  }

  /**
   * Starts every target at once (a JVM start is mostly waiting: the quick run would otherwise
   * spend a third of its time here), then records them in the order given.
   */
  private Map<Target, RunningTarget> startTargets(BenchResults results) {
    Map<Target, CompletableFuture<RunningTarget>> starting = new LinkedHashMap<>();
    for (Target target : targets) {
      log.println("bench: starting " + target.name() + "...");
      // One thread each: the common pool may have a single worker on a two-CPU machine.
      Executor ownThread = task -> new Thread(task, "bench-start-" + target.name()).start();
      starting.put(target, CompletableFuture.supplyAsync(() -> {
        try {
          return target.start(environment);
        } catch (TargetUnavailableException e) {
          throw new CompletionException(e);
        }
      }, ownThread));
    }
    Map<Target, RunningTarget> running = new LinkedHashMap<>();
    starting.forEach((target, future) -> {
      try {
        RunningTarget server = future.join();
        running.put(target, server);
        results.targetStarted(target.name(), server.endpoint().toString());
        log.println("bench: " + target.name() + " ready on " + server.endpoint());
      } catch (CompletionException e) {
        String reason = e.getCause() instanceof TargetUnavailableException unavailable
            ? unavailable.getMessage()
            : String.valueOf(e.getCause());
        results.targetSkipped(target.name(), reason);
        log.println("bench: SKIPPING " + target.name() + ": " + reason);
      }
    });
    return running;
  }

  private int plannedCases(Iterable<Target> started) {
    int cases = 0;
    for (int round = 1; round <= settings.rounds(); round++) {
      for (Target target : started) {
        for (Scenario scenario : scenarios) {
          ScenarioContext probe =
              new ScenarioContext(
                  target.name(), target.holdsLongPolls(), null, settings, round, "", name -> {},
                  () -> null, figure -> {}, note -> {}, java.util.OptionalLong::empty,
                  java.util.OptionalDouble::empty);
          cases += scenario.caseCount(probe);
        }
      }
    }
    return cases;
  }

  /** A scenario that blows up (target died, protocol error) is recorded, not fatal to the run. */
  private void measure(
      Scenario scenario,
      ScenarioContext context,
      RunningTarget server,
      BenchResults results,
      Progress progress) {
    try {
      scenario.run(context).forEach(results::add);
    } catch (RuntimeException e) {
      String message = e.getMessage() + (server.recentLog().isEmpty() ? "" : "; server log tail:\n"
          + server.recentLog());
      progress.say("bench: " + scenario.id() + " failed on " + context.target() + ": " + e.getMessage());
      results.add(
          new CaseResult(
              scenario.id(), "(failed)", context.target(), context.round(), Double.NaN,
              new Histogram(3), 1, message));
    }
  }

  private void writeReports(BenchResults results) throws IOException {
    Files.createDirectories(outputDir);
    JsonReport.write(results, outputDir.resolve("results.json"));
    MarkdownReport.write(results, outputDir.resolve("results.md"));
    List<Path> charts = new ArrayList<>(Charts.write(results, outputDir));
    log.println("bench: results in " + outputDir + " (results.json, results.md, "
        + charts.size() + " charts)");
  }
}
