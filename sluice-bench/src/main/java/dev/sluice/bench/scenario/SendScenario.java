package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.ClosedLoop;
import dev.sluice.bench.load.LoadResult;
import dev.sluice.bench.load.SendBatches;
import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsConnection;
import dev.sluice.bench.load.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1: SendMessageBatch of 10 x 1 KB into a standard queue, closed loop at each configured
 * concurrency; messages/s and per-request latency.
 */
public final class SendScenario implements Scenario {

  @Override
  public String id() {
    return "send";
  }

  @Override
  public String title() {
    return "1. send: SendMessageBatch 10 x 1 KB";
  }

  @Override
  public boolean measuresThroughput() {
    return true;
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return context.settings().sendConcurrency().size();
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    BenchSettings settings = context.settings();
    List<CaseResult> results = new ArrayList<>();
    try (SqsConnection admin = context.client().connect()) {
      String queueUrl = Queues.create(admin, context.queueName(id()), Map.of());
      SendBatches batches =
          new SendBatches(queueUrl, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      for (int concurrency : settings.sendConcurrency()) {
        String caseName = "concurrency " + concurrency;
        context.caseStarted().accept(id() + ", " + caseName);
        List<SqsConnection> connections = context.client().connect(concurrency);
        try {
          ClosedLoop.run(connections, settings.warmup(), connection -> send(connection, batches));
          CpuMeter cpu = context.cpuMeter();
          LoadResult load =
              ClosedLoop.run(connections, settings.measure(), connection -> send(connection, batches));
          results.add(
              new CaseResult(
                  id(), caseName, context.target(), context.round(), load.messagesPerSecond(),
                  load.latencyMicros(), load.errors(), load.firstError(),
                  cpu.millisPerThousand(load.messages())));
        } finally {
          Queues.closeAll(connections);
        }
      }
      Queues.delete(admin, queueUrl);
    }
    return results;
  }

  private static java.util.concurrent.CompletableFuture<Step> send(
      SqsConnection connection, SendBatches batches) {
    return SqsApi.sendBatch(connection, batches.standard(), batches.entries()).thenApply(Step::of);
  }
}
