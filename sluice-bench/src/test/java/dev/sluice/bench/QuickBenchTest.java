package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The quick mode end to end against Sluice (a real server process, embedded store) and the
 * ceiling, so the tool never rots. Peers are left out: they need downloads or Python.
 */
class QuickBenchTest {

  @TempDir Path output;
  @TempDir Path work;

  @Test
  @Timeout(180)
  void quick_run_measures_every_scenario_on_sluice_and_the_ceiling_and_writes_all_reports()
      throws Exception {
    BenchCommand command = new BenchCommand();
    int exit =
        new CommandLine(command)
            .execute(
                "--quick", "--targets", "sluice,ceiling", "--no-pin", "--out", output.toString(),
                "--work-dir", work.toString());

    assertThat(exit).isZero();
    Path runDir = command.runDir;
    assertThat(runDir.resolve("results.md")).isRegularFile();
    assertThat(runDir.resolve("send.png")).isRegularFile();
    assertThat(runDir.resolve("long-poll.png")).isRegularFile();
    assertThat(Files.readAllBytes(runDir.resolve("fifo.png"))).startsWith(0x89, 'P', 'N', 'G');

    JsonNode json = new ObjectMapper().readTree(runDir.resolve("results.json").toFile());
    assertThat(json.at("/targets/sluice/status").asText()).isEqualTo("measured");
    assertThat(json.at("/targets/ceiling/status").asText()).isEqualTo("measured");
    assertThat(json.at("/targets/sluice/warmUp/seconds").asDouble()).isPositive();
    assertThat(json.at("/targets/sluice/warmUp/serverCpuMillisPer1000Messages").asDouble())
        .isPositive();
    assertThat(Files.readString(runDir.resolve("results.md"))).contains("Warm-up: sluice ");
    for (JsonNode result : json.get("cases")) {
      assertThat(result.get("errors").asLong()).as(result.toString()).isZero();
      assertThat(result.at("/latencyMillis/count").asLong()).as(result.toString()).isPositive();
    }
    assertThat(throughput(json, "send", "concurrency 8", "sluice")).isPositive();
    assertThat(throughput(json, "send", "concurrency 8", "ceiling")).isPositive();
    assertThat(throughput(json, "receive-delete", "concurrency 8", "sluice")).isPositive();
    assertThat(throughput(json, "fifo", "receive+delete, 10 receivers", "sluice")).isPositive();
    assertThat(throughput(json, "steady", "50% of peak", "sluice")).isPositive();
    assertThat(caseOf(json, "steady", "90% of peak", "sluice").at("/latencyMillis/p99").asDouble())
        .isPositive();
    double burst = figure(json, "steady", "peak, burst (closed loop)", "sluice");
    assertThat(figure(json, "steady", "peak, sustained (used)", "sluice"))
        .isPositive().isLessThanOrEqualTo(burst);
    assertThat(caseOf(json, "long-poll", "wake-up", "sluice").at("/latencyMillis/p50").asDouble())
        .isPositive()
        .isLessThan(Duration.ofSeconds(20).toMillis());
    assertThat(caseOf(json, "long-poll", "wake-up", "ceiling"))
        .as("the ceiling holds no long polls")
        .isNull();
    assertThat(caseOf(json, "send", "concurrency 1", "sluice").at("/ratios/vs_ceiling").asDouble())
        .isPositive();
    for (String target : new String[] {"sluice", "ceiling"}) {
      assertThat(caseOf(json, "send", "concurrency 8", target)
              .get("serverCpuMillisPer1000Messages").asDouble())
          .as("CPU per 1,000 messages on " + target)
          .isPositive();
    }
    assertThat(caseOf(json, "receive-delete", "concurrency 8", "sluice")
            .get("serverCpuMillisPer1000Messages").asDouble())
        .isPositive();
    assertThat(Files.readString(runDir.resolve("results.md")))
        .contains("Server CPU time (user + system) per 1,000 messages");
    assertFunctionsAndMappings(json, runDir);
  }

  /** Scenarios 7 and 8 measured on Sluice alone, with the samples --quick asks for. */
  private static void assertFunctionsAndMappings(JsonNode json, Path runDir) throws Exception {
    int warm = json.at("/settings/warmInvokes").asInt();
    assertThat(caseOf(json, "functions", "warm Invoke, round trip (python3.11, 128 MB)", "sluice")
            .at("/latencyMillis/count").asInt())
        .isEqualTo(warm);
    JsonNode overhead =
        caseOf(json, "functions", "warm Invoke, Sluice overhead (round trip - REPORT Duration)",
            "sluice");
    assertThat(overhead.at("/latencyMillis/count").asInt()).isEqualTo(warm);
    assertThat(overhead.at("/latencyMillis/p50").asDouble()).isPositive();
    int coldStarts = json.at("/settings/coldStarts").asInt();
    assertThat(caseOf(json, "functions", "cold start, python3.11 (128 MB)", "sluice")
            .at("/latencyMillis/count").asInt())
        .isEqualTo(coldStarts);
    assertThat(throughput(json, "functions", "Event invokes, concurrency 8", "sluice"))
        .isPositive();
    assertThat(caseOf(json, "functions", "Event invokes, concurrency 8", "ceiling")).isNull();
    int messages = json.at("/settings/mappingMessages").asInt();
    JsonNode mapping =
        caseOf(json, "esm", "BatchSize 1, 20 messages/s, from SendMessage's request", "sluice");
    assertThat(mapping.at("/latencyMillis/count").asInt()).isEqualTo(messages);
    assertThat(mapping.at("/latencyMillis/p50").asDouble()).isPositive();
    assertThat(caseOf(json, "esm", "BatchSize 1, 20 messages/s", "ceiling")).isNull();
    assertThat(runDir.resolve("functions.png")).isRegularFile();
    assertThat(json.get("notes").toString())
        .contains("functions: measured on Sluice only")
        .contains("functions, round 1: sluice's warm Invoke")
        .contains("schedule: left out of this run");
  }

  @Test
  @Timeout(120)
  void backlog_fills_a_fresh_sluice_then_restarts_it_on_the_same_data_and_finds_every_message()
      throws Exception {
    BenchCommand command = new BenchCommand();
    int exit =
        new CommandLine(command)
            .execute(
                "backlog", "--quick", "--targets", "sluice,ceiling", "--no-pin", "--out",
                output.toString(), "--work-dir", work.toString());

    assertThat(exit).isZero();
    Path runDir = command.runDir;
    assertThat(Files.readAllBytes(runDir.resolve("backlog.png"))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(runDir.resolve("results.md"))).contains("start to first receive");
    JsonNode json = new ObjectMapper().readTree(runDir.resolve("results.json").toFile());
    assertThat(throughput(json, "backlog", "fill, concurrency 64", "sluice")).isPositive();
    assertThat(caseOf(json, "backlog", "fill, concurrency 64", "ceiling"))
        .as("the ceiling queues nothing")
        .isNull();
    int backlog = json.at("/settings/backlogMessages").asInt();
    assertThat(figure(json, "sluice", "queued")).isEqualTo(backlog);
    assertThat(figure(json, "sluice", "kept after restart")).isEqualTo(backlog);
    assertThat(figure(json, "sluice", "RSS after fill")).isPositive();
    assertThat(figure(json, "sluice", "RSS after restart")).isPositive();
    double ready = figure(json, "sluice", "start to ready line");
    assertThat(ready).isPositive();
    assertThat(figure(json, "sluice", "start to first receive")).isGreaterThanOrEqualTo(ready);
    assertThat(json.get("notes")).isEmpty();
    assertThat(json.at("/targets/sluice/warmUp").isMissingNode())
        .as("a backlog-only run warms nothing up: the backlog fills fresh instances")
        .isTrue();
  }

  private static double figure(JsonNode json, String target, String name) {
    for (JsonNode figure : json.get("figures")) {
      if (figure.get("target").asText().equals(target) && figure.get("name").asText().equals(name)) {
        return figure.get("value").asDouble();
      }
    }
    throw new AssertionError("no figure '" + name + "' for " + target + " in " + json.get("figures"));
  }

  @Test
  void an_unknown_scenario_is_a_usage_error() {
    assertThat(BenchCommand.run("nonsense", "--targets", "ceiling")).isEqualTo(2);
  }

  private static double throughput(JsonNode json, String scenario, String name, String target) {
    JsonNode result = caseOf(json, scenario, name, target);
    assertThat(result).as(scenario + " / " + name + " / " + target).isNotNull();
    return result.get("messagesPerSecond").asDouble();
  }

  private static double figure(JsonNode json, String scenario, String name, String target) {
    for (JsonNode figure : json.get("figures")) {
      if (figure.get("scenario").asText().equals(scenario)
          && figure.get("name").asText().equals(name)
          && figure.get("target").asText().equals(target)) {
        return figure.get("value").asDouble();
      }
    }
    throw new AssertionError("no figure " + scenario + " / " + name + " / " + target);
  }

  private static JsonNode caseOf(JsonNode json, String scenario, String name, String target) {
    for (JsonNode result : json.get("cases")) {
      if (result.get("scenario").asText().equals(scenario)
          && result.get("case").asText().equals(name)
          && result.get("target").asText().equals(target)) {
        return result;
      }
    }
    return null;
  }
}
