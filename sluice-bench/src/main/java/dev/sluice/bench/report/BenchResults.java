package dev.sluice.bench.report;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.scenario.CaseResult;
import dev.sluice.bench.scenario.Figure;
import dev.sluice.bench.scenario.Scenario;
import dev.sluice.bench.scenario.Settling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Everything one bench run measured, grouped by scenario, case and target. */
public final class BenchResults {

  private final BenchSettings settings;
  private final Instant started;
  private final List<Scenario> scenarios;
  private final List<String> targets = new ArrayList<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private final Map<String, Long> residentBytes = new LinkedHashMap<>();
  private final Map<String, String> endpoints = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> machine = new LinkedHashMap<>();
  private final List<CaseResult> rounds = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Settling.Outcome> warmUps = new LinkedHashMap<>();

  public BenchResults(BenchSettings settings, Instant started, List<Scenario> scenarios) {
    this.settings = settings;
    this.started = started;
    this.scenarios = List.copyOf(scenarios);
  }

  public void targetStarted(String target, String endpoint) {
    targets.add(target);
    endpoints.put(target, endpoint);
  }

  public void targetSkipped(String target, String reason) {
    skipped.put(target, reason);
  }

  public void residentBytes(String target, long bytes) {
    residentBytes.put(target, bytes);
  }

  public synchronized void warmedUp(String target, Settling.Outcome outcome) {
    warmUps.put(target, outcome);
  }

  /** How each target's warm-up before the first round went, by target. */
  public synchronized Map<String, Settling.Outcome> warmUps() {
    return new LinkedHashMap<>(warmUps);
  }

  public void machine(String key, Map<String, String> values) {
    machine.put(key, values);
  }

  public synchronized void add(CaseResult result) {
    rounds.add(result);
  }

  public synchronized void add(Figure figure) {
    figures.add(figure);
  }

  /** A line for the report: a target left out of one scenario, and why. */
  public synchronized void note(String line) {
    notes.add(line);
  }

  public synchronized List<Figure> figures() {
    return List.copyOf(figures);
  }

  public synchronized List<Figure> figures(String scenario) {
    return figures.stream().filter(figure -> figure.scenario().equals(scenario)).toList();
  }

  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  public BenchSettings settings() {
    return settings;
  }

  public Instant started() {
    return started;
  }

  public List<Scenario> scenarios() {
    return scenarios;
  }

  public List<String> targets() {
    return List.copyOf(targets);
  }

  public Map<String, String> skipped() {
    return Map.copyOf(skipped);
  }

  public Map<String, Long> residentBytes() {
    return Map.copyOf(residentBytes);
  }

  public Map<String, String> endpoints() {
    return Map.copyOf(endpoints);
  }

  public Map<String, Map<String, String>> machine() {
    return machine;
  }

  public List<CaseResult> rounds() {
    return List.copyOf(rounds);
  }

  /** Case names of a scenario in the order they were first measured. */
  public List<String> caseNames(String scenario) {
    return rounds.stream()
        .filter(result -> result.scenario().equals(scenario))
        .map(CaseResult::caseName)
        .distinct()
        .toList();
  }

  /** The rounds of one case on one target, summarised; null when it was never measured. */
  public CaseSummary summary(String scenario, String caseName, String target) {
    List<CaseResult> matching =
        rounds.stream()
            .filter(result -> result.scenario().equals(scenario))
            .filter(result -> result.caseName().equals(caseName))
            .filter(result -> result.target().equals(target))
            .toList();
    if (matching.isEmpty()) {
      return null;
    }
    // Auto-resizing: a later round may hold larger values than the first round's histogram
    // (scenarios that record into auto-resizing histograms have no fixed range).
    Histogram merged = new Histogram(3);
    List<Double> rates = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    long errors = 0;
    String firstError = null;
    for (CaseResult result : matching) {
      merged.add(result.latencyMicros());
      if (result.latencyMicros().getTotalCount() > 0) {
        p99.add(result.latencyMicros().getValueAtPercentile(99) / 1000.0);
      }
      if (!Double.isNaN(result.messagesPerSecond())) {
        rates.add(result.messagesPerSecond());
      }
      if (!Double.isNaN(result.cpuMillisPerThousand())) {
        cpu.add(result.cpuMillisPerThousand());
      }
      errors += result.errors();
      firstError = firstError != null ? firstError : result.firstError();
    }
    return new CaseSummary(
        scenario, caseName, target, rates, merged, errors, firstError, cpu, p99);
  }
}
