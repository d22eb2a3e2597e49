package dev.sluice.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.scenario.CaseResult;
import dev.sluice.bench.scenario.Figure;
import dev.sluice.bench.scenario.FunctionsScenario;
import dev.sluice.bench.scenario.SendScenario;
import dev.sluice.bench.target.SluiceTarget;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchResultsTest {

  private final BenchResults results =
      new BenchResults(BenchSettings.quick(), Instant.now(), List.of(new FunctionsScenario()));

  @Test
  void rounds_merge_even_when_a_later_round_holds_values_beyond_the_first_rounds_range() {
    results.add(round(1, 1_000, 12.0));
    results.add(round(2, 5_000_000, 10.0));
    results.add(round(3, 2_000, 11.0));

    CaseSummary summary = results.summary("functions", "cold start", "sluice");

    assertThat(summary.latencyMicros().getTotalCount()).isEqualTo(3);
    assertThat(summary.latencyMicros().getMaxValue()).isGreaterThanOrEqualTo(4_990_000);
    assertThat(summary.medianCpuMillisPerThousand()).isEqualTo(11.0);
  }

  @Test
  void cpu_per_message_is_left_out_of_the_json_when_no_round_measured_it() {
    Histogram latency = new Histogram(3);
    latency.recordValue(10);
    results.targetStarted("sluice", "http://127.0.0.1:1");
    results.add(new CaseResult("functions", "warm", "sluice", 1, Double.NaN, latency, 0, null));

    assertThat(JsonReport.toJson(results).get("cases").get(0).has("serverCpuMillisPer1000Messages"))
        .isFalse();
  }

  @Test
  void a_baseline_build_gets_its_own_ratio_column_and_json_ratio() {
    BenchResults send =
        new BenchResults(BenchSettings.quick(), Instant.now(), List.of(new SendScenario()));
    send.targetStarted("sluice", "http://127.0.0.1:1");
    send.targetStarted(SluiceTarget.BASELINE, "http://127.0.0.1:2");
    send.add(rate("sluice", 30_000));
    send.add(rate(SluiceTarget.BASELINE, 20_000));

    assertThat(MarkdownReport.render(send))
        .contains("| sluice / sluice-baseline |")
        .contains("| 30,000 | 20,000 | - | - | 1.50x |");
    assertThat(JsonReport.toJson(send).get("cases").get(0).get("ratios").get("vs_sluice-baseline")
        .asDouble()).isEqualTo(1.5);
  }

  @Test
  void without_a_baseline_the_report_keeps_its_two_ratio_columns() {
    BenchResults send =
        new BenchResults(BenchSettings.quick(), Instant.now(), List.of(new SendScenario()));
    send.targetStarted("sluice", "http://127.0.0.1:1");
    send.add(rate("sluice", 30_000));

    assertThat(MarkdownReport.render(send))
        .contains("| sluice / elasticmq | sluice / ceiling |\n")
        .doesNotContain("baseline");
  }

  @Test
  void a_figure_shows_its_median_over_rounds_then_each_round_in_round_order() {
    BenchResults send =
        new BenchResults(BenchSettings.quick(), Instant.now(), List.of(new SendScenario()));
    send.targetStarted("sluice", "http://127.0.0.1:1");
    send.targetStarted("elasticmq", "http://127.0.0.1:2");
    send.add(rate("sluice", 30_000));
    send.add(new Figure("send", "sluice", 2, "p99 at 50%", 24.5, "ms"));
    send.add(new Figure("send", "sluice", 1, "p99 at 50%", 6.74, "ms"));
    send.add(new Figure("send", "sluice", 3, "p99 at 50%", 7.1, "ms"));
    send.add(new Figure("send", "elasticmq", 1, "p99 at 50%", 33_300, "ms"));

    assertThat(MarkdownReport.render(send))
        .contains("| target | p99 at 50% (ms) |\n")
        .contains("| sluice | 7.10 (6.74 / 24.5 / 7.10) |\n")
        .contains("| elasticmq | 33,300 |\n");
  }

  private static CaseResult rate(String target, double messagesPerSecond) {
    Histogram latency = new Histogram(3);
    latency.recordValue(500);
    return new CaseResult("send", "concurrency 1", target, 1, messagesPerSecond, latency, 0, null);
  }

  private static CaseResult round(int round, long micros, double cpu) {
    Histogram latency = new Histogram(3);
    latency.recordValue(micros);
    return new CaseResult("functions", "cold start", "sluice", round, 100, latency, 0, null, cpu);
  }
}
