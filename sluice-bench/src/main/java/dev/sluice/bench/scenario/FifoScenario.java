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

/**
 * Scenario 5: a FIFO queue with 10 message groups. Send: SendMessageBatch of 10 x 1 KB, entry i in
 * group i mod 10, explicit deduplication ids. Receive+delete: one receiver per group (more could not
 * help: a group with messages in flight delivers nothing more).
 */
public final class FifoScenario implements Scenario {

  @Override
  public String id() {
    return "fifo";
  }

  @Override
  public String title() {
    return "5. FIFO, 10 groups: send and receive+delete";
  }

  @Override
  public boolean measuresThroughput() {
    return true;
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return 2;
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    BenchSettings settings = context.settings();
    List<CaseResult> results = new ArrayList<>();
    String sendCase = "send, concurrency " + settings.fifoSendConcurrency();
    context.caseStarted().accept(id() + ", " + sendCase);
    try (SqsConnection admin = context.client().connect()) {
      String queueUrl = Queues.create(admin, context.queueName(id()) + ".fifo", Queues.FIFO);
      SendBatches batches =
          new SendBatches(queueUrl, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      List<SqsConnection> connections = context.client().connect(settings.fifoSendConcurrency());
      try {
        ClosedLoop.run(connections, settings.warmup(), connection -> send(connection, batches, settings));
        CpuMeter cpu = context.cpuMeter();
        LoadResult load =
            ClosedLoop.run(
                connections, settings.measure(), connection -> send(connection, batches, settings));
        results.add(
            new CaseResult(
                id(), sendCase, context.target(), context.round(), load.messagesPerSecond(),
                load.latencyMicros(), load.errors(), load.firstError(),
                cpu.millisPerThousand(load.messages())));
      } finally {
        Queues.closeAll(connections);
      }
      Queues.delete(admin, queueUrl);
    }
    String drainCase = "receive+delete, " + settings.fifoGroups() + " receivers";
    context.caseStarted().accept(id() + ", " + drainCase);
    results.add(
        ReceiveDeleteScenario.measure(
            context, id(), drainCase, Queues.FIFO, true, settings.fifoGroups()));
    return results;
  }

  private static java.util.concurrent.CompletableFuture<Step> send(
      SqsConnection connection, SendBatches batches, BenchSettings settings) {
    return SqsApi.sendBatch(connection, batches.fifo(settings.fifoGroups()), batches.entries())
        .thenApply(Step::of);
  }
}
