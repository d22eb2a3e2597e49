package dev.sluice.bench.report;

import dev.sluice.bench.scenario.Figure;
import dev.sluice.bench.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * One PNG bar chart per scenario (XChart): throughput, latency percentiles for long polls, or
 * resident memory for the backlog.
 */
public final class Charts {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;
  private static final double LOG_FLOOR_MILLIS = 0.01;

  private Charts() {}

  /** Writes {@code <scenario>.png} files into {@code dir}; returns the files written. */
  public static List<Path> write(BenchResults results, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    for (Scenario scenario : results.scenarios()) {
      CategoryChart chart =
          !memory(results, scenario).isEmpty()
              ? memoryChart(results, scenario)
              : scenario.chartsThroughput()
                  ? throughput(results, scenario)
                  : latency(results, scenario);
      if (chart == null) {
        continue;
      }
      Path file = dir.resolve(scenario.id() + ".png");
      try {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        written.add(file);
      } catch (RuntimeException e) {
        // A chart the library refuses must not cost the run its other charts: the tables in
        // results.md and results.json hold every figure anyway.
        System.err.println("bench: no chart for " + scenario.id() + ": " + e.getMessage());
      }
    }
    return written;
  }

  private static CategoryChart throughput(BenchResults results, Scenario scenario) {
    List<String> cases = results.caseNames(scenario.id());
    if (cases.isEmpty()) {
      return null;
    }
    CategoryChart chart = base(scenario.title(), "messages / s");
    for (String target : results.targets()) {
      List<Double> values = new ArrayList<>();
      for (String caseName : cases) {
        CaseSummary summary = results.summary(scenario.id(), caseName, target);
        values.add(summary == null ? 0.0 : summary.medianRate());
      }
      chart.addSeries(target, cases, values);
    }
    return chart;
  }

  private static List<Figure> memory(BenchResults results, Scenario scenario) {
    return results.figures(scenario.id()).stream()
        .filter(figure -> figure.unit().equals("MB") && figure.name().startsWith("RSS"))
        .toList();
  }

  /** Resident memory per target, one group per moment it was read (after fill, after restart). */
  private static CategoryChart memoryChart(BenchResults results, Scenario scenario) {
    List<Figure> figures = memory(results, scenario);
    List<String> moments = figures.stream().map(Figure::name).distinct().toList();
    CategoryChart chart =
        base("6. backlog: resident memory, queue full and after a restart", "RSS, MB");
    for (String target : results.targets()) {
      List<Figure> own = figures.stream().filter(figure -> figure.target().equals(target)).toList();
      if (own.isEmpty()) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      for (String moment : moments) {
        values.add(own.stream().filter(figure -> figure.name().equals(moment))
            .mapToDouble(Figure::value).findFirst().orElse(0));
      }
      chart.addSeries(target, moments, values);
    }
    return chart;
  }

  private static CategoryChart latency(BenchResults results, Scenario scenario) {
    List<String> percentiles = List.of("p50", "p90", "p99");
    double[] levels = {50, 90, 99};
    boolean logarithmic = scenario.chartsLogarithmic();
    CategoryChart chart =
        base(scenario.title(), logarithmic ? "milliseconds (logarithmic)" : "milliseconds");
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    if (logarithmic) {
      // Bars start at the axis minimum, which XChart would otherwise put at 0 (no logarithm).
      chart.getStyler().setYAxisMin(LOG_FLOOR_MILLIS);
    }
    boolean any = false;
    List<String> cases = results.caseNames(scenario.id());
    for (String caseName : cases) {
      for (String target : results.targets()) {
        CaseSummary summary = results.summary(scenario.id(), caseName, target);
        if (summary == null || summary.latencyMicros().getTotalCount() == 0) {
          continue;
        }
        List<Double> values = new ArrayList<>();
        for (double level : levels) {
          double value = summary.latencyMillis(level);
          // A logarithmic axis cannot show 0: draw it at its floor (10 microseconds).
          values.add(logarithmic ? Math.max(value, LOG_FLOOR_MILLIS) : value);
        }
        // XChart needs distinct series names: with several cases, name the case too.
        chart.addSeries(cases.size() == 1 ? target : caseName + " (" + target + ")",
            percentiles, values);
        any = true;
      }
    }
    return any ? chart : null;
  }

  private static CategoryChart base(String title, String yTitle) {
    CategoryChart chart =
        new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
    chart.getStyler().setYAxisDecimalPattern("#,##0.###");
    chart.getStyler().setLegendVisible(true);
    return chart;
  }
}
