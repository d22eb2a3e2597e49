package dev.sluice.bench;

import dev.sluice.bench.report.BenchResults;
import dev.sluice.bench.scenario.BacklogScenario;
import dev.sluice.bench.scenario.FifoScenario;
import dev.sluice.bench.scenario.FunctionsScenario;
import dev.sluice.bench.scenario.LongPollScenario;
import dev.sluice.bench.scenario.MappingScenario;
import dev.sluice.bench.scenario.ReceiveDeleteScenario;
import dev.sluice.bench.scenario.Scenario;
import dev.sluice.bench.scenario.ScheduleScenario;
import dev.sluice.bench.scenario.SendScenario;
import dev.sluice.bench.scenario.SteadyPipelineScenario;
import dev.sluice.bench.target.CeilingTarget;
import dev.sluice.bench.target.Classpaths;
import dev.sluice.bench.target.ElasticMqTarget;
import dev.sluice.bench.target.EndpointTarget;
import dev.sluice.bench.target.LeftOutTarget;
import dev.sluice.bench.target.MotoTarget;
import dev.sluice.bench.target.Pinning;
import dev.sluice.bench.target.SluiceTarget;
import dev.sluice.bench.target.Target;
import dev.sluice.bench.target.TargetEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice bench [SCENARIO...] [options]}: starts the targets on loopback, measures, stops
 * them, writes results.json, results.md and PNG charts under {@code bench/results/<time>-<mode>/}.
 *
 * <p>Exit codes: 0 measured; 1 Sluice could not be started or failed requests; 2 bad usage.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures Sluice side by side with ElasticMQ, moto and the machine's ceiling.",
      "Scenarios: send, receive-delete, steady, long-poll, fifo, backlog, functions, esm,",
      "schedule (default: all; schedule only in full runs: it waits for minute ticks).",
      "Peers that cannot be started here (moto not installed, no Maven Central) are skipped",
      "with a line saying why."
    })
public final class BenchCommand implements Callable<Integer> {

  static final Map<String, Supplier<Scenario>> SCENARIOS = new LinkedHashMap<>();
  static final Map<String, Supplier<Target>> TARGETS = new LinkedHashMap<>();

  static {
    SCENARIOS.put("send", SendScenario::new);
    SCENARIOS.put("receive-delete", ReceiveDeleteScenario::new);
    SCENARIOS.put("steady", SteadyPipelineScenario::new);
    SCENARIOS.put("long-poll", LongPollScenario::new);
    SCENARIOS.put("fifo", FifoScenario::new);
    SCENARIOS.put(BacklogScenario.ID, BacklogScenario::new);
    SCENARIOS.put(FunctionsScenario.ID, FunctionsScenario::new);
    SCENARIOS.put(MappingScenario.ID, MappingScenario::new);
    SCENARIOS.put(ScheduleScenario.ID, ScheduleScenario::new);
    TARGETS.put("sluice", SluiceTarget::new);
    TARGETS.put("elasticmq", ElasticMqTarget::new);
    TARGETS.put("moto", MotoTarget::new);
    TARGETS.put("ceiling", CeilingTarget::new);
  }

  @Parameters(
      paramLabel = "SCENARIO",
      arity = "0..*",
      description = "send, receive-delete, steady, long-poll, fifo, backlog, functions, esm, "
          + "schedule or all. Default: all.")
  List<String> scenarioNames = new ArrayList<>();

  @Option(
      names = "--quick",
      description =
          "A short smoke run of every scenario (CI): 1 round, 0.5 s, concurrency 1 and 8, a "
              + "10,000-message backlog; moto left out unless --targets names it.")
  boolean quick;

  @Option(
      names = "--targets",
      split = ",",
      paramLabel = "NAME",
      description =
          "Which of sluice, elasticmq, moto, ceiling to start. Default: all four (--quick: "
              + "all but moto).")
  List<String> targetNames;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "Also measure this already running SQS endpoint (target name 'endpoint').")
  URI endpoint;

  @Option(names = "--rounds", paramLabel = "N", description = "Rounds (default 3; --quick: 1).")
  Integer rounds;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      description = "Length of one measurement in seconds (default 5; --quick: 0.5).")
  Double seconds;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Results folder; each run writes a sub-folder. Default: bench/results.")
  Path out;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Downloads and data directories. Default: sluice-bench/target/bench-work.")
  Path workDir;

  @Option(names = "--no-pin", description = "Do not bind servers and generator to CPUs 0 and 1.")
  boolean noPin;

  @Option(
      names = "--no-freeze",
      description =
          "Leave the other servers running during a target's turn (by default they are stopped "
              + "with SIGSTOP until their own turn, so nothing they do lands in its measurement).")
  boolean noFreeze;

  @Option(
      names = "--sluice-classpath",
      paramLabel = "CP",
      description = "Classpath holding the Sluice server. Default: this JVM's classpath.")
  String sluiceClasspath = Classpaths.current();

  @Option(
      names = "--baseline-classpath",
      paramLabel = "CP",
      description =
          "Also start another build of Sluice from this classpath (its sluice-server.jar and "
              + "lib/*), as target 'sluice-baseline', measured like Sluice: an A/B in one run.")
  String baselineClasspath;

  @Option(
      names = "--sluice-jvm-option",
      paramLabel = "OPT",
      description = "Extra JVM option for the Sluice server, e.g. -XX:StartFlightRecording=... (repeatable).")
  List<String> sluiceJvmOptions = new ArrayList<>();

  /** Set by {@link #call}: the results of the last run (tests read them). */
  BenchResults results;

  Path runDir;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new BenchCommand()).execute(args);
  }

  @Override
  public Integer call() throws IOException {
    List<Scenario> scenarios = scenarios();
    List<Target> targets = targets();
    BenchSettings settings = settings();
    Path root = repositoryRoot();
    Path outputRoot = out != null ? out : root.resolve("bench").resolve("results");
    runDir =
        outputRoot.resolve(
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + settings.mode());
    Path work = workDir != null ? workDir : root.resolve("sluice-bench/target/bench-work");
    TargetEnvironment environment =
        new TargetEnvironment(
            work.toAbsolutePath(), Pinning.detect(!noPin), sluiceClasspath, sluiceJvmOptions);
    BenchRun run =
        new BenchRun(
            settings, scenarios, targets, environment, runDir, System.err, System.console() != null,
            !noFreeze);
    results = run.run();
    System.out.println(dev.sluice.bench.report.MarkdownReport.render(results));
    return sluiceFailed(results) ? 1 : 0;
  }

  private static boolean sluiceFailed(BenchResults results) {
    if (results.skipped().containsKey("sluice")) {
      return true;
    }
    return results.rounds().stream()
        .anyMatch(result -> result.target().equals("sluice") && result.errors() > 0);
  }

  private BenchSettings settings() {
    BenchSettings settings = quick ? BenchSettings.quick() : BenchSettings.full();
    if (rounds != null) {
      if (rounds < 1) {
        throw usage("--rounds must be at least 1, got " + rounds);
      }
      settings = settings.withRounds(rounds);
    }
    if (seconds != null) {
      if (seconds <= 0) {
        throw usage("--seconds must be positive, got " + seconds);
      }
      settings = settings.withMeasure(Duration.ofMillis(Math.round(seconds * 1000)));
    }
    return settings;
  }

  private List<Scenario> scenarios() {
    if (scenarioNames.isEmpty() || scenarioNames.contains("all")) {
      return SCENARIOS.values().stream().map(Supplier::get).toList();
    }
    List<Scenario> chosen = new ArrayList<>();
    for (String name : scenarioNames) {
      Supplier<Scenario> scenario = SCENARIOS.get(name);
      if (scenario == null) {
        throw usage("unknown scenario '" + name + "'; known: " + SCENARIOS.keySet() + " or all");
      }
      chosen.add(scenario.get());
    }
    return chosen;
  }

  private List<Target> targets() {
    List<Target> chosen = new ArrayList<>();
    if (targetNames == null) {
      chosen.addAll(defaultTargets());
    }
    for (String name : targetNames == null ? List.<String>of() : targetNames) {
      Supplier<Target> target = TARGETS.get(name.trim());
      if (target == null) {
        throw usage("unknown target '" + name + "'; known: " + TARGETS.keySet());
      }
      chosen.add(target.get());
    }
    if (baselineClasspath != null) {
      chosen.add(SluiceTarget.baseline(baselineClasspath));
    }
    if (endpoint != null) {
      chosen.add(new EndpointTarget(endpoint));
    }
    if (chosen.isEmpty()) {
      throw usage("no target to measure");
    }
    return chosen;
  }

  /**
   * Every target; in quick mode moto is left out (with a line saying so): at about 100 messages/s
   * and one request at a time it alone took half of a 55 s smoke run. {@code --targets} brings it
   * back.
   */
  private List<Target> defaultTargets() {
    List<Target> all = new ArrayList<>();
    for (Map.Entry<String, Supplier<Target>> target : TARGETS.entrySet()) {
      if (quick && target.getKey().equals("moto")) {
        all.add(new LeftOutTarget("moto", "left out of --quick (about 100 messages/s, it alone "
            + "doubles the run); --targets sluice,elasticmq,moto,ceiling includes it"));
      } else {
        all.add(target.getValue().get());
      }
    }
    return all;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(new CommandLine(this), message);
  }

  /** The checkout's root (where sluice-bench/ lives), else the working directory. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("sluice-bench").resolve("pom.xml"))) {
        return candidate;
      }
    }
    return dir;
  }
}
