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
 * <p>The peak is measured first in the same round (after a warm-up pass): 8 producers closed loop
 * while the consumers run; the lower of the produced and the consumed rate counts. Every message
 * costs the server a send, a receive and a delete, so it is well below the send-only rate of
 * scenario 1.
 */
public final class SteadyPipelineScenario implements Scenario {

  private static final int PRODUCERS = 16;
  private static final int CONSUMERS = 8;
  private static final double[] LOADS = {0.5, 0.9};
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

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
      try {
        // First pass warms up (JIT, connections); the second one is the peak used.
        peakBatchesPerSecond(producers, consumers, queueUrl, batches, settings.warmup());
        double peakBatches =
            peakBatchesPerSecond(producers, consumers, queueUrl, batches, settings.measure());
        for (double load : LOADS) {
          String caseName = Math.round(load * 100) + "% of peak";
          context.caseStarted().accept(id() + ", " + caseName);
          results.add(
              measure(context, caseName, producers, consumers, queueUrl, batches, peakBatches * load));
        }
      } finally {
        Queues.closeAll(producers);
        Queues.closeAll(consumers);
      }
      Queues.delete(admin, queueUrl);
    }
    return results;
  }

  private static double peakBatchesPerSecond(
      List<SqsConnection> producers,
      List<SqsConnection> consumers,
      String queueUrl,
      SendBatches batches,
      Duration duration) {
    Consumers draining = Consumers.start(consumers, queueUrl);
    LoadResult peak =
        ClosedLoop.run(
            producers.subList(0, 8),
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

  private CaseResult measure(
      ScenarioContext context,
      String caseName,
      List<SqsConnection> producers,
      List<SqsConnection> consumers,
      String queueUrl,
      SendBatches batches,
      double batchesPerSecond) {
    Consumers draining = Consumers.start(consumers, queueUrl);
    LoadResult sent =
        OpenLoop.run(
            producers,
            batchesPerSecond,
            context.settings().measure(),
            dueAt ->
                connection ->
                    SqsApi.sendBatch(connection, batches.stamped(dueAt), batches.entries())
                        .thenApply(Step::of));
    long received = draining.awaitCount(sent.messages(), DRAIN_TIMEOUT);
    draining.stopWhenEmpty();
    long lost = Math.max(0, sent.messages() - received);
    String error = sent.firstError() != null ? sent.firstError() : draining.firstError();
    if (lost > 0 && error == null) {
      error = lost + " sent messages were not received within " + DRAIN_TIMEOUT.toSeconds() + " s";
    }
    double seconds = context.settings().measure().toNanos() / 1e9;
    return new CaseResult(
        id(), caseName, context.target(), context.round(), received / seconds, draining.latency(),
        sent.errors() + draining.errors() + (lost > 0 ? 1 : 0), error);
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
