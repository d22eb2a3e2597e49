package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.ClosedLoop;
import dev.sluice.bench.load.Operation;
import dev.sluice.bench.load.SendBatches;
import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsConnection;
import dev.sluice.bench.load.Step;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Before a target's first measurement: what the SQS scenarios do, mixed (SendMessageBatch,
 * ReceiveMessage, DeleteMessageBatch on a standard and a FIFO queue, four connections each, and on
 * a standing backlog, two connections), until the target has {@link Settling settled}. Each case
 * still has its own short warm-up.
 *
 * <p>why the backlog: the other two queues stay short, so a receive there never reaches messages
 * that are only on disk (Sluice keeps the newest 8 MiB of payloads in memory). A drain from a
 * backlog was then compiled during the measured rounds: Sluice's CPU per drained message fell
 * threefold from round 1 to round 3 of one run, ElasticMQ's by half. The backlog queue holds a
 * fifth of the receive+delete prefill (20,000 x 1 KB in a full run), and each of its operations
 * sends ten and takes the ten oldest, so it stays that deep.
 *
 * <p>why the send-only and drain-only slices: the JIT compiles for what it has seen. After a warm-up
 * of mixed load only, the first prefill (sends alone) and the first drain (receives and deletes
 * alone, from a queue deeper than the payloads kept in memory) hit branches and types that the
 * compiled code had never met: Sluice's JVM recorded dozens of deoptimizations ("unstable_if",
 * "class_check") as round 1's drain began, and recompiled its receive path during the measured
 * drain (a third of its CPU went to C2 there). So every third slice sends only, into a queue that
 * the next slice drains with the receive+delete scenario's receivers and nothing else.
 */
public final class TargetWarmUp {

  private static final int CONNECTIONS_PER_QUEUE = 4;
  private static final int BACKLOG_CONNECTIONS = 2;
  private static final int BACKLOG_SHARE_OF_PREFILL = 5;
  private static final String SCENARIO = "warmup";
  /** Slices cycle through mixed load, sends only, and receives and deletes only. */
  private static final int SHAPES = 3;

  private TargetWarmUp() {}

  public static Settling.Outcome run(ScenarioContext context) {
    BenchSettings settings = context.settings();
    try (SqsConnection admin = context.client().connect()) {
      String standard = Queues.create(admin, context.queueName(SCENARIO), Map.of());
      String fifo =
          Queues.create(admin, context.queueName(SCENARIO) + ".fifo", Queues.FIFO);
      String backlog = Queues.create(admin, context.queueName(SCENARIO + "-backlog"), Map.of());
      String drained = Queues.create(admin, context.queueName(SCENARIO + "-drain"), Map.of());
      SendBatches drainBatches =
          new SendBatches(drained, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      SendBatches standardBatches =
          new SendBatches(standard, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      SendBatches fifoBatches =
          new SendBatches(fifo, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      SendBatches backlogBatches =
          new SendBatches(backlog, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      int mixedConnections = 2 * CONNECTIONS_PER_QUEUE + BACKLOG_CONNECTIONS;
      List<SqsConnection> all =
          context.client().connect(mixedConnections + settings.receiveConcurrency());
      List<SqsConnection> connections = all.subList(0, mixedConnections);
      List<SqsConnection> receivers = all.subList(mixedConnections, all.size());
      List<SqsConnection> fifoConnections = connections.subList(0, CONNECTIONS_PER_QUEUE);
      List<SqsConnection> backlogConnections =
          connections.subList(2 * CONNECTIONS_PER_QUEUE, mixedConnections);
      try {
        Queues.prefill(connections, backlogBatches, 0,
            settings.withPrefillMessages(settings.prefillMessages() / BACKLOG_SHARE_OF_PREFILL));
        Operation mixed = connection -> {
          if (fifoConnections.contains(connection)) {
            return sendReceiveDelete(connection, fifo, fifoBatches.fifo(settings.fifoGroups()));
          }
          return backlogConnections.contains(connection)
              ? sendReceiveDelete(connection, backlog, backlogBatches.standard())
              : sendReceiveDelete(connection, standard, standardBatches.standard());
        };
        Operation sendOnly = connection -> SqsApi.sendBatch(
            connection, drainBatches.standard(), BenchSettings.BATCH_ENTRIES).thenApply(Step::of);
        Operation drainOnly =
            connection -> ReceiveDeleteScenario.receiveAndDelete(connection, drained);
        List<SqsConnection> senders = connections.subList(0, Queues.PREFILL_CONCURRENCY);
        int[] slices = {0};
        Settling.Outcome outcome = Settling.run(context, settings.targetWarmup(), slice ->
            switch (slices[0]++ % SHAPES) {
              case 0 -> ClosedLoop.run(connections, slice, mixed).messages();
              case 1 -> ClosedLoop.run(senders, slice, sendOnly).messages();
              default -> ClosedLoop.run(receivers, slice, drainOnly).messages();
            });
        Queues.delete(admin, drained);
        Queues.delete(admin, standard);
        Queues.delete(admin, fifo);
        Queues.delete(admin, backlog);
        return outcome;
      } finally {
        Queues.closeAll(all);
      }
    }
  }

  /** One batch in, then one receive and the delete of what it got: the queue keeps its depth. */
  private static CompletableFuture<Step> sendReceiveDelete(
      SqsConnection connection, String queueUrl, byte[] batch) {
    return SqsApi.sendBatch(connection, batch, BenchSettings.BATCH_ENTRIES)
        .thenCompose(sent -> ReceiveDeleteScenario.receiveAndDelete(connection, queueUrl)
            .thenApply(drained -> Step.of(sent + drained.messages())));
  }
}
