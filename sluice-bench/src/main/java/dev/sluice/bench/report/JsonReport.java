package dev.sluice.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.scenario.Scenario;
import dev.sluice.bench.scenario.Settling;
import java.io.IOException;
import java.nio.file.Path;

/** results.json: settings, machine, targets and every case's rounds, percentiles and ratios. */
public final class JsonReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  private JsonReport() {}

  public static void write(BenchResults results, Path file) throws IOException {
    JSON.writeValue(file.toFile(), toJson(results));
  }

  static ObjectNode toJson(BenchResults results) {
    ObjectNode root = JSON.createObjectNode();
    root.put("started", results.started().toString());
    root.set("settings", settings(results.settings()));
    root.set("machine", JSON.valueToTree(results.machine()));
    ObjectNode targets = root.putObject("targets");
    for (String target : results.targets()) {
      ObjectNode node = targets.putObject(target).put("status", "measured");
      node.put("endpoint", results.endpoints().get(target));
      Long rss = results.residentBytes().get(target);
      if (rss != null) {
        node.put("residentBytesAtEnd", rss);
      }
      Settling.Outcome warmUp = results.warmUps().get(target);
      if (warmUp != null) {
        node.putObject("warmUp")
            .put("seconds", warmUp.took().toMillis() / 1000.0)
            .put("settled", warmUp.settled())
            .put("rule", warmUp.rule().name())
            .put("serverCpuMillisPer1000Messages", warmUp.cpuMillisPerThousand());
      }
    }
    results.skipped().forEach((target, reason) ->
        targets.putObject(target).put("status", "skipped").put("reason", reason));
    ArrayNode figures = root.putArray("figures");
    results.figures().forEach(figure -> figures.addObject()
        .put("scenario", figure.scenario()).put("target", figure.target())
        .put("round", figure.round()).put("name", figure.name())
        .put("value", Math.round(figure.value() * 10) / 10.0).put("unit", figure.unit()));
    ArrayNode notes = root.putArray("notes");
    results.notes().forEach(notes::add);
    ArrayNode cases = root.putArray("cases");
    for (Scenario scenario : results.scenarios()) {
      for (String caseName : results.caseNames(scenario.id())) {
        for (String target : results.targets()) {
          CaseSummary summary = results.summary(scenario.id(), caseName, target);
          if (summary != null) {
            cases.add(caseNode(results, scenario, summary));
          }
        }
      }
    }
    return root;
  }

  private static ObjectNode settings(BenchSettings settings) {
    ObjectNode node = JSON.createObjectNode();
    node.put("mode", settings.mode()).put("rounds", settings.rounds());
    node.put("measureMillis", settings.measure().toMillis());
    node.put("targetWarmupMillis", settings.targetWarmup().toMillis());
    node.put("warmupMillis", settings.warmup().toMillis());
    ArrayNode concurrency = node.putArray("sendConcurrency");
    settings.sendConcurrency().forEach(concurrency::add);
    node.put("receiveConcurrency", settings.receiveConcurrency());
    node.put("prefillMessages", settings.prefillMessages());
    node.put("prefillBudgetMillis", settings.prefillBudget().toMillis());
    node.put("longPollRepetitions", settings.longPollRepetitions());
    node.put("fifoGroups", settings.fifoGroups());
    node.put("fifoSendConcurrency", settings.fifoSendConcurrency());
    node.put("backlogMessages", settings.backlogMessages());
    node.put("backlogConcurrency", settings.backlogConcurrency());
    node.put("backlogFillBudgetMillis", settings.backlogFillBudget().toMillis());
    node.put("warmInvokes", settings.warmInvokes());
    node.put("coldStarts", settings.coldStarts());
    node.put("mappingMessages", settings.mappingMessages());
    node.put("mappingRate", settings.mappingRate());
    node.put("scheduleTicks", settings.scheduleTicks());
    node.put("batchEntries", BenchSettings.BATCH_ENTRIES);
    node.put("messageBytes", BenchSettings.MESSAGE_BYTES);
    return node;
  }

  private static ObjectNode caseNode(BenchResults results, Scenario scenario, CaseSummary summary) {
    ObjectNode node = JSON.createObjectNode();
    node.put("scenario", summary.scenario()).put("case", summary.caseName());
    node.put("target", summary.target());
    if (scenario.measuresThroughput()) {
      node.put("messagesPerSecond", round(summary.medianRate()));
      ArrayNode rounds = node.putArray("roundMessagesPerSecond");
      summary.roundRates().forEach(rate -> rounds.add(round(rate)));
      if (summary.target().equals(Ratios.SUBJECT)) {
        ObjectNode ratios = node.putObject("ratios");
        for (String reference : Ratios.references(results)) {
          double ratio = Ratios.ratio(results, summary.scenario(), summary.caseName(), reference);
          if (!Double.isNaN(ratio)) {
            ratios.put("vs_" + reference, Math.round(ratio * 1000) / 1000.0);
          }
        }
      }
    }
    if (!summary.roundCpuMillisPerThousand().isEmpty()) {
      node.put("serverCpuMillisPer1000Messages", round(summary.medianCpuMillisPerThousand()));
      ArrayNode rounds = node.putArray("roundServerCpuMillisPer1000Messages");
      summary.roundCpuMillisPerThousand().forEach(cpu -> rounds.add(round(cpu)));
    }
    ObjectNode latency = node.putObject("latencyMillis");
    latency.put("count", summary.latencyMicros().getTotalCount());
    if (summary.latencyMicros().getTotalCount() > 0) {
      for (double percentile : PERCENTILES) {
        latency.put("p" + String.valueOf(percentile).replace(".0", ""),
            summary.latencyMillis(percentile));
      }
      latency.put("max", summary.latencyMicros().getMaxValue() / 1000.0);
      ArrayNode rounds = latency.putArray("roundP99");
      summary.roundP99Millis().forEach(rounds::add);
    }
    node.put("errors", summary.errors());
    if (summary.firstError() != null) {
      node.put("firstError", summary.firstError());
    }
    return node;
  }

  private static double round(double value) {
    return Double.isNaN(value) ? 0 : Math.round(value * 10) / 10.0;
  }
}
