package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.ClosedLoop;
import dev.sluice.bench.load.LoadResult;
import dev.sluice.bench.load.OpenLoop;
import dev.sluice.bench.load.SendBatches;
import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsConnection;
import dev.sluice.bench.load.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Scenario 3: producers send SendMessageBatch(10 x 1 KB) open loop at 50% and 90% of the target's
 * peak; consumers long-poll (ReceiveMessage(10), WaitTimeSeconds 1) and delete. Measured per
 * message: from the time its batch was DUE to be sent (stamped in the body; same JVM clock) to
 * the consumer reading it, so a stalled server counts against every message it delayed.
 *
 * <p>The peak is the highest rate the pipeline sustains, found in the same round:
 *
 * <ol>
 *   <li>an upper bound: 8 producers closed loop while the consumers run (after a warm-up pass);
 *       the lower of the produced and the consumed rate counts;
 *   <li>open-loop probes at that bound and then by bisection below it: a rate holds when every
 *       message arrives and the probe's p99 stays under {@link #PROBE_P99_LIMIT}.
 * </ol>
 *
 * <p>Why not the burst alone: under a closed loop a backlog forms, so every ReceiveMessage returns
 * a full 10 and the server spends few requests per message. At a fixed rate below that, long polls
 * return fewer messages each and the same traffic costs more requests, so "90% of the burst" can
 * be more than the pipeline holds (seen in session 7: p99 2.6 s at 90%). Every message costs the
 * server a send, a receive and a delete, so the peak is well below the send-only rate of scenario
 * 1.
 */
public final class SteadyPipelineScenario implements Scenario {

  /**
   * Producer connections: enough that a stalled acknowledgement (an fdatasync held up by the disk
   * for 8-16 ms, seen on the idle bench machine) does not leave the open loop without a free
   * connection. With 16, a stall of about 10 ms at 50% of Sluice's peak used them all, and the
   * batches due meanwhile waited in the generator although the messages already sent were
   * receivable (Sluice makes a message receivable before its fsync, and acknowledges after).
   */
  private static final int PRODUCERS = 64;
  private static final int CONSUMERS = 8;
  private static final double[] LOADS = {0.5, 0.9};
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
  /**
   * A probe whose p99 exceeds this did not hold its rate: at a rate f above what the consumers
   * take, the backlog at the end of a 5 s probe holds f x 5 s of traffic, so 100 ms catches 2%.
   */
  static final Duration PROBE_P99_LIMIT = Duration.ofMillis(100);
  /** Probes below the burst bound: each halves the interval, so the peak is within 1/32 of it. */
  private static final int BISECTIONS = 5;

  @Override
  public String id() {
    return "steady";
  }

  @Override
  public String title() {
    return "3. steady pipeline: send-to-receive latency at 50% and 90% of peak";
  }

  @Override
  public String latencyLabel() {
    return "Send-to-receive latency per message, ms (open loop, measured from the due send time)";
  }

  @Override
  public boolean measuresThroughput() {
    return true;
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return context.holdsLongPolls() ? LOADS.length : 0;
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    if (!context.holdsLongPolls()) {
      return List.of(); // the ceiling returns canned messages: no pipeline to measure
    }
    BenchSettings settings = context.settings();
    List<CaseResult> results = new ArrayList<>();
    try (SqsConnection admin = context.client().connect()) {
      String queueUrl = Queues.create(admin, context.queueName(id()), Map.of());
      SendBatches batches =
          new SendBatches(queueUrl, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
      List<SqsConnection> producers = context.client().connect(PRODUCERS);
      List<SqsConnection> consumers = context.client().connect(CONSUMERS);
      Pipeline pipeline = new Pipeline(producers, consumers, queueUrl, batches);
      try {
        // First pass warms up (JIT, connections); the second one bounds the peak from above.
        burstBatchesPerSecond(pipeline, settings.warmup());
        double burstBatches = burstBatchesPerSecond(pipeline, settings.measure());
        double peakBatches =
            sustainedBatchesPerSecond(pipeline, burstBatches, settings.measure());
        context.figure(id(), "peak, burst (closed loop)", burstBatches * batches.entries(),
            "msg/s");
        context.figure(id(), "peak, sustained (used)", peakBatches * batches.entries(), "msg/s");
        for (double load : LOADS) {
          String caseName = Math.round(load * 100) + "% of peak";
          context.caseStarted().accept(id() + ", " + caseName);
          results.add(measure(context, caseName, pipeline, peakBatches * load));
        }
      } finally {
        Queues.closeAll(producers);
        Queues.closeAll(consumers);
      }
      Queues.delete(admin, queueUrl);
    }
    return results;
  }

  /** The queue and the connections that drive it. */
  private record Pipeline(
      List<SqsConnection> producers,
      List<SqsConnection> consumers,
      String queueUrl,
      SendBatches batches) {

    Consumers startConsumers() {
      return Consumers.start(consumers, queueUrl);
    }
  }

  private static double burstBatchesPerSecond(Pipeline pipeline, Duration duration) {
    Consumers draining = pipeline.startConsumers();
    SendBatches batches = pipeline.batches();
    LoadResult peak =
        ClosedLoop.run(
            pipeline.producers().subList(0, 8),
            duration,
            connection ->
                SqsApi.sendBatch(connection, batches.standard(), batches.entries())
                    .thenApply(Step::of));
    // Consumers may fall behind producers: the pipeline's peak is the slower side's rate.
    double seconds = Math.max(1e-3, peak.elapsed().toNanos() / 1e9);
    double consumed = draining.received / seconds;
    double produced = peak.messagesPerSecond();
    draining.stopWhenEmpty();
    return Math.max(1, Math.min(produced, consumed) / batches.entries());
  }

  /**
   * The highest open-loop rate that holds (see the class comment): the burst rate if it holds,
   * else bisection between 0 and it.
   */
  private static double sustainedBatchesPerSecond(
      Pipeline pipeline, double burstBatches, Duration probe) {
    if (holds(runAtRate(pipeline, burstBatches, probe))) {
      return burstBatches;
    }
    double held = 0;
    double failed = burstBatches;
    for (int i = 0; i < BISECTIONS; i++) {
      double rate = (held + failed) / 2;
      if (holds(runAtRate(pipeline, rate, probe))) {
        held = rate;
      } else {
        failed = rate;
      }
    }
    return Math.max(held, burstBatches / (1 << BISECTIONS));
  }

  private static boolean holds(Pass pass) {
    return pass.lost() == 0
        && pass.sent().errors() == 0
        && pass.consumers().errors() == 0
        && pass.consumers().latency().getValueAtPercentile(99)
            <= PROBE_P99_LIMIT.toNanos() / 1_000;
  }

  private CaseResult measure(
      ScenarioContext context, String caseName, Pipeline pipeline, double batchesPerSecond) {
    Pass pass = runAtRate(pipeline, batchesPerSecond, context.settings().measure());
    Consumers draining = pass.consumers();
    // Shown next to the send-to-receive latency: how long producers waited for their answers.
    context.figure(id(), "producers' send p99 at " + caseName,
        pass.sent().latencyMicros().getValueAtPercentile(99) / 1000.0, "ms");
    String error = pass.sent().firstError() != null
        ? pass.sent().firstError() : draining.firstError();
    if (pass.lost() > 0 && error == null) {
      error = pass.lost() + " sent messages were not received within "
          + DRAIN_TIMEOUT.toSeconds() + " s";
    }
    double seconds = context.settings().measure().toNanos() / 1e9;
    return new CaseResult(
        id(), caseName, context.target(), context.round(), pass.received() / seconds,
        draining.latency(),
        pass.sent().errors() + draining.errors() + (pass.lost() > 0 ? 1 : 0), error);
  }

  /** One open-loop pass: what was sent, and what the consumers saw of it. */
  private record Pass(LoadResult sent, Consumers consumers, long received) {
    long lost() {
      return Math.max(0, sent.messages() - received);
    }
  }

  private static Pass runAtRate(Pipeline pipeline, double batchesPerSecond, Duration duration) {
    Consumers draining = pipeline.startConsumers();
    SendBatches batches = pipeline.batches();
    LoadResult sent =
        OpenLoop.run(
            pipeline.producers(),
            batchesPerSecond,
            duration,
            dueAt ->
                connection ->
                    SqsApi.sendBatch(connection, batches.stamped(dueAt), batches.entries())
                        .thenApply(Step::of));
    long received = draining.awaitCount(sent.messages(), DRAIN_TIMEOUT);
    draining.stopWhenEmpty();
    return new Pass(sent, draining, received);
  }

  /**
   * Long-polling consumers that record each stamped message's age on receipt. Like the load
   * drivers, everything here runs on the connections' single event-loop thread, except the
   * start/stop calls, which only touch volatile fields and futures.
   */
  private static final class Consumers {
    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
    private final String queueUrl;
    private volatile boolean stopping;
    private volatile long received;
    private long errors;
    private String firstError;
    private final List<CompletableFuture<Void>> stopped = new ArrayList<>();

    private Consumers(String queueUrl) {
      this.queueUrl = queueUrl;
    }

    static Consumers start(List<SqsConnection> connections, String queueUrl) {
      Consumers consumers = new Consumers(queueUrl);
      for (SqsConnection connection : connections) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        consumers.stopped.add(done);
        connection.execute(() -> consumers.poll(connection, done));
      }
      return consumers;
    }

    private void poll(SqsConnection connection, CompletableFuture<Void> done) {
      SqsApi.receiveMessages(connection, queueUrl, 10, 1, 60)
          .thenCompose(
              messages -> {
                long now = System.nanoTime();
                List<String> handles = new ArrayList<>(messages.size());
                for (SqsApi.Received message : messages) {
                  handles.add(message.receiptHandle());
                  String body = message.body();
                  int colon = body.indexOf(':');
                  if (colon > 0) {
                    long dueAt = Long.parseLong(body.substring(0, colon));
                    latency.recordValue(Math.min(latency.getHighestTrackableValue(),
                        Math.max(0, now - dueAt) / 1_000));
                  }
                }
                received += messages.size();
                return SqsApi.deleteBatch(connection, queueUrl, handles)
                    .thenApply(deleted -> messages.isEmpty());
              })
          .whenComplete(
              (empty, failure) -> {
                if (failure != null) {
                  errors++;
                  firstError = firstError != null ? firstError : failure.getMessage();
                }
                boolean finished = (stopping && Boolean.TRUE.equals(empty))
                    || !connection.isOpen() || errors > 100;
                if (finished) {
                  done.complete(null);
                } else {
                  poll(connection, done);
                }
              });
    }

    long awaitCount(long expected, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (received < expected && System.nanoTime() < deadline) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return received;
    }

    void stopWhenEmpty() {
      stopping = true;
      CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
          .orTimeout(30, TimeUnit.SECONDS)
          .exceptionally(failure -> null)
          .join();
    }

    Histogram latency() {
      return latency;
    }

    long errors() {
      return errors;
    }

    String firstError() {
      return firstError;
    }
  }
}
