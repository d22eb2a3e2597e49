package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.ClosedLoop;
import dev.sluice.bench.load.LoadResult;
import dev.sluice.bench.load.SendBatches;
import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsConnection;
import dev.sluice.bench.load.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 2 (and the consuming half of 5): from a prefilled queue, each receiver repeats
 * ReceiveMessage(10) then DeleteMessageBatch of what it got; messages deleted per second. A
 * receiver stops at the deadline or when a receive comes back empty (queue drained).
 */
public final class ReceiveDeleteScenario implements Scenario {

  @Override
  public String id() {
    return "receive-delete";
  }

  @Override
  public String title() {
    return "2. receive+delete: ReceiveMessage(10) + DeleteMessageBatch";
  }

  @Override
  public boolean measuresThroughput() {
    return true;
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return 1;
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    String caseName = "concurrency " + context.settings().receiveConcurrency();
    context.caseStarted().accept(id() + ", " + caseName);
    return List.of(
        measure(context, id(), caseName, Map.of(), false, context.settings().receiveConcurrency()));
  }

  /**
   * Prefills a fresh queue, then drains it for one measurement. Shared with the FIFO scenario.
   * A queue as deep is drained first, unmeasured: like the other scenarios' warm-up, it lets each
   * target's JIT compile its receive and delete paths before the clock runs (a target's first
   * drain ran at a third of its later speed, ElasticMQ's and Sluice's alike).
   *
   * <p>why as deep: a fresh queue takes branches that the compiled receive path has not seen
   * (Sluice's JVM logged an "unstable_if" trap in its first receive from each new queue), and the
   * JVM then recompiles that path after some thousands of receives. With a warm-up queue a fifth
   * as deep (2,000 receives in a full run), the recompilation fell into the measured drain: a
   * tenth of Sluice's CPU there went to the C2 compiler.
   */
  static CaseResult measure(
      ScenarioContext context,
      String scenario,
      String caseName,
      Map<String, String> attributes,
      boolean fifo,
      int receivers) {
    drain(context, scenario + "-warmup", attributes, fifo, receivers,
        context.settings().prefillMessages(), context.settings().warmup());
    return drain(context, scenario, attributes, fifo, receivers,
        context.settings().prefillMessages(), context.settings().measure())
        .toCase(context, scenario, caseName);
  }

  private record Drained(LoadResult load, double cpuPerThousand) {
    CaseResult toCase(ScenarioContext context, String scenario, String caseName) {
      return new CaseResult(
          scenario, caseName, context.target(), context.round(), load.messagesPerSecond(),
          load.latencyMicros(), load.errors(), load.firstError(), cpuPerThousand);
    }
  }

  private static Drained drain(
      ScenarioContext context,
      String scenario,
      Map<String, String> attributes,
      boolean fifo,
      int receivers,
      int messages,
      Duration duration) {
    BenchSettings settings = context.settings().withPrefillMessages(messages);
    String name = context.queueName(scenario + "-drain") + (fifo ? ".fifo" : "");
    try (SqsConnection admin = context.client().connect()) {
      String queueUrl = Queues.create(admin, name, attributes);
      SendBatches batches =
          new SendBatches(queueUrl, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      List<SqsConnection> connections =
          context.client().connect(Math.max(receivers, Queues.PREFILL_CONCURRENCY));
      try {
        Queues.prefill(
            connections.subList(0, Queues.PREFILL_CONCURRENCY),
            batches,
            fifo ? settings.fifoGroups() : 0,
            settings);
        CpuMeter cpu = context.cpuMeter();
        LoadResult load =
            ClosedLoop.run(
                connections.subList(0, receivers),
                duration,
                connection -> receiveAndDelete(connection, queueUrl));
        double cpuPerThousand = cpu.millisPerThousand(load.messages());
        Queues.delete(admin, queueUrl);
        return new Drained(load, cpuPerThousand);
      } finally {
        Queues.closeAll(connections);
      }
    }
  }

  static CompletableFuture<Step> receiveAndDelete(SqsConnection connection, String queueUrl) {
    return SqsApi.receive(connection, queueUrl, 10, 0, Queues.RECEIVE_VISIBILITY_SECONDS)
        .thenCompose(
            handles ->
                handles.isEmpty()
                    ? CompletableFuture.completedFuture(Step.last(0))
                    : SqsApi.deleteBatch(connection, queueUrl, handles).thenApply(Step::of));
  }
}
