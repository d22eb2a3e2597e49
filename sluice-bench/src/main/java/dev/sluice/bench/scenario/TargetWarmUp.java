package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.ClosedLoop;
import dev.sluice.bench.load.SendBatches;
import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsConnection;
import dev.sluice.bench.load.Step;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Before a target's first measurement: what the SQS scenarios do, mixed (SendMessageBatch,
 * ReceiveMessage, DeleteMessageBatch on a standard and a FIFO queue, four connections each),
 * until the target has {@link Settling settled}. Each case still has its own short warm-up.
 */
public final class TargetWarmUp {

  private static final int CONNECTIONS_PER_QUEUE = 4;
  private static final String SCENARIO = "warmup";

  private TargetWarmUp() {}

  public static Settling.Outcome run(ScenarioContext context) {
    BenchSettings settings = context.settings();
    try (SqsConnection admin = context.client().connect()) {
      String standard = Queues.create(admin, context.queueName(SCENARIO), Map.of());
      String fifo =
          Queues.create(admin, context.queueName(SCENARIO) + ".fifo", Queues.FIFO);
      SendBatches standardBatches =
          new SendBatches(standard, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      SendBatches fifoBatches =
          new SendBatches(fifo, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      List<SqsConnection> connections = context.client().connect(2 * CONNECTIONS_PER_QUEUE);
      List<SqsConnection> fifoConnections = connections.subList(0, CONNECTIONS_PER_QUEUE);
      try {
        Settling.Outcome outcome = Settling.run(context, settings.targetWarmup(), slice ->
            ClosedLoop.run(connections, slice, connection -> fifoConnections.contains(connection)
                ? sendReceiveDelete(connection, fifo, fifoBatches.fifo(settings.fifoGroups()))
                : sendReceiveDelete(connection, standard, standardBatches.standard()))
                .messages());
        Queues.delete(admin, standard);
        Queues.delete(admin, fifo);
        return outcome;
      } finally {
        Queues.closeAll(connections);
      }
    }
  }

  /** One batch in, then one receive and the delete of what it got: the queue stays short. */
  private static CompletableFuture<Step> sendReceiveDelete(
      SqsConnection connection, String queueUrl, byte[] batch) {
    return SqsApi.sendBatch(connection, batch, BenchSettings.BATCH_ENTRIES)
        .thenCompose(sent -> ReceiveDeleteScenario.receiveAndDelete(connection, queueUrl)
            .thenApply(drained -> Step.of(sent + drained.messages())));
  }
}
