package dev.sluice.bench.report;

import dev.sluice.bench.scenario.Figure;
import dev.sluice.bench.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** results.md: one table per scenario, with Sluice's ratios against ElasticMQ and the ceiling. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static void write(BenchResults results, Path file) throws IOException {
    Files.writeString(file, render(results), StandardCharsets.UTF_8);
  }

  public static String render(BenchResults results) {
    StringBuilder md = new StringBuilder();
    md.append("# Sluice benchmark, ").append(results.settings().mode()).append(" run, ")
        .append(results.started()).append("\n\n");
    md.append("Rounds: ").append(results.settings().rounds())
        .append(" (targets alternate within each round); measurement: ")
        .append(results.settings().measure().toMillis()).append(" ms after ")
        .append(results.settings().warmup().toMillis()).append(" ms warm-up; before its first ")
        .append("measurement, each target was warmed up until it settled (its JIT quiet, or else ")
        .append("its CPU per message steady), for at most ")
        .append(String.format("%.1f s.", results.settings().targetWarmup().toMillis() / 1000.0));
    Map<String, String> pinning = results.machine().getOrDefault("pinning", Map.of());
    md.append(" CPU pinning: ").append(pinning.getOrDefault("enabled", "?")).append(".\n");
    if (!results.warmUps().isEmpty()) {
      md.append("\nWarm-up: ").append(results.warmUps().entrySet().stream()
          .map(warmUp -> warmUp.getValue().describe(warmUp.getKey(), "messages"))
          .collect(Collectors.joining("; "))).append(".\n");
    }
    for (Map.Entry<String, String> skipped : results.skipped().entrySet()) {
      md.append("\n- **").append(skipped.getKey()).append(" skipped**: ")
          .append(firstLine(skipped.getValue())).append('\n');
    }
    List<String> targets = results.targets();
    for (Scenario scenario : results.scenarios()) {
      md.append("\n## ").append(scenario.title()).append("\n\n");
      if (results.caseNames(scenario.id()).isEmpty()) {
        md.append("Not measured.\n");
        continue;
      }
      if (scenario.measuresThroughput()) {
        throughputTable(md, results, scenario, targets);
        cpuTable(md, results, scenario, targets);
      }
      figureTable(md, results.figures(scenario.id()), targets);
      latencyTable(md, results, scenario, targets);
    }
    if (!results.notes().isEmpty()) {
      md.append("\n## Notes\n\n");
      results.notes().forEach(note -> md.append("- ").append(firstLine(note)).append('\n'));
    }
    if (!results.residentBytes().isEmpty()) {
      md.append("\n## Resident memory at the end of the run\n\n| target | RSS MB |\n|---|---:|\n");
      results.residentBytes().forEach((target, bytes) ->
          md.append("| ").append(target).append(" | ")
              .append(String.format(Locale.ROOT, "%.0f", bytes / 1048576.0)).append(" |\n"));
    }
    return md.toString();
  }

  private static void throughputTable(
      StringBuilder md, BenchResults results, Scenario scenario, List<String> targets) {
    md.append("Messages per second (median of rounds):\n\n| case |");
    targets.forEach(target -> md.append(' ').append(target).append(" |"));
    List<String> references = Ratios.references(results);
    for (String reference : references) {
      md.append(" sluice / ").append(reference).append(" |");
    }
    md.append("\n|---|");
    md.append("---:|".repeat(targets.size() + references.size())).append('\n');
    for (String caseName : results.caseNames(scenario.id())) {
      if (!hasRate(results, scenario, caseName, targets)) {
        continue; // a latency-only case of a scenario that also measures a rate
      }
      md.append("| ").append(caseName).append(" |");
      for (String target : targets) {
        CaseSummary summary = results.summary(scenario.id(), caseName, target);
        md.append(' ').append(summary == null ? "-" : rate(summary)).append(" |");
      }
      for (String reference : references) {
        double ratio = Ratios.ratio(results, scenario.id(), caseName, reference);
        md.append(' ')
            .append(Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio))
            .append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static boolean hasRate(
      BenchResults results, Scenario scenario, String caseName, List<String> targets) {
    return targets.stream()
        .map(target -> results.summary(scenario.id(), caseName, target))
        .anyMatch(summary -> summary != null && !summary.roundRates().isEmpty());
  }

  /**
   * The servers' CPU time per 1,000 messages (user + system, from /proc): far steadier than
   * messages/s on a busy machine, and what a hot-path change moves.
   */
  private static void cpuTable(
      StringBuilder md, BenchResults results, Scenario scenario, List<String> targets) {
    List<String> cases = results.caseNames(scenario.id()).stream()
        .filter(caseName -> targets.stream()
            .map(target -> results.summary(scenario.id(), caseName, target))
            .anyMatch(summary -> summary != null
                && !summary.roundCpuMillisPerThousand().isEmpty()))
        .toList();
    if (cases.isEmpty()) {
      return;
    }
    md.append("Server CPU time (user + system) per 1,000 messages, ms (median of rounds):\n\n")
        .append("| case |");
    targets.forEach(target -> md.append(' ').append(target).append(" |"));
    md.append("\n|---|").append("---:|".repeat(targets.size())).append('\n');
    for (String caseName : cases) {
      md.append("| ").append(caseName).append(" |");
      for (String target : targets) {
        CaseSummary summary = results.summary(scenario.id(), caseName, target);
        double cpu = summary == null ? Double.NaN : summary.medianCpuMillisPerThousand();
        md.append(' ')
            .append(Double.isNaN(cpu) ? "-" : String.format(Locale.ROOT, "%,.1f", cpu))
            .append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  /**
   * One row per target, one column per figure name (in the order they were measured); each cell
   * the median over rounds, and with several rounds every round's value after it, in round order.
   */
  private static void figureTable(StringBuilder md, List<Figure> figures, List<String> targets) {
    if (figures.isEmpty()) {
      return;
    }
    List<String> columns = new ArrayList<>();
    figures.forEach(figure -> {
      if (!columns.contains(column(figure))) {
        columns.add(column(figure));
      }
    });
    md.append("Figures (median of rounds; with several rounds, each round's in brackets):\n\n")
        .append("| target |");
    columns.forEach(column -> md.append(' ').append(column).append(" |"));
    md.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
    for (String target : targets) {
      List<Figure> own = figures.stream().filter(figure -> figure.target().equals(target)).toList();
      if (own.isEmpty()) {
        continue;
      }
      md.append("| ").append(target).append(" |");
      for (String column : columns) {
        List<Double> rounds = own.stream()
            .filter(figure -> column.equals(column(figure)))
            .sorted(Comparator.comparingInt(Figure::round))
            .map(Figure::value)
            .toList();
        md.append(' ').append(figureCell(rounds)).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static String column(Figure figure) {
    return figure.name() + " (" + figure.unit() + ")";
  }

  private static String figureCell(List<Double> rounds) {
    if (rounds.isEmpty()) {
      return "-";
    }
    String median = figureValue(CaseSummary.median(rounds));
    if (rounds.size() == 1) {
      return median;
    }
    return median + " (" + rounds.stream().map(MarkdownReport::figureValue)
        .collect(Collectors.joining(" / ")) + ")";
  }

  /** Whole numbers from 100 up (rates, megabytes); below, one or two decimals (latencies). */
  private static String figureValue(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return Math.abs(value) >= 10
        ? String.format(Locale.ROOT, "%.1f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private static void latencyTable(
      StringBuilder md, BenchResults results, Scenario scenario, List<String> targets) {
    md.append(scenario.latencyLabel()).append(':')
        .append("\n\n| case | target | p50 | p90 | p99 | p99.9 | max | samples | errors |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String caseName : results.caseNames(scenario.id())) {
      for (String target : targets) {
        CaseSummary summary = results.summary(scenario.id(), caseName, target);
        if (summary == null) {
          continue;
        }
        md.append("| ").append(caseName).append(" | ").append(target).append(" | ")
            .append(millis(summary.latencyMillis(50))).append(" | ")
            .append(millis(summary.latencyMillis(90))).append(" | ")
            .append(millis(summary.latencyMillis(99))).append(" | ")
            .append(millis(summary.latencyMillis(99.9))).append(" | ")
            .append(millis(summary.latencyMillis(100))).append(" | ")
            .append(summary.latencyMicros().getTotalCount()).append(" | ")
            .append(summary.errors()).append(" |\n");
      }
    }
    for (String caseName : results.caseNames(scenario.id())) {
      for (String target : targets) {
        CaseSummary summary = results.summary(scenario.id(), caseName, target);
        if (summary != null && summary.firstError() != null) {
          md.append("\n- ").append(target).append(", ").append(caseName).append(": first error: `")
              .append(firstLine(summary.firstError()).replace('`', '\'')).append("`\n");
        }
      }
    }
  }

  private static String rate(CaseSummary summary) {
    String text = String.format(Locale.ROOT, "%,.0f", summary.medianRate());
    return summary.errors() > 0 ? text + " (" + summary.errors() + " errors)" : text;
  }

  private static String millis(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return value < 10
        ? String.format(Locale.ROOT, "%.3f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
