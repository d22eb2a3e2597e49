package dev.sluice.bench.scenario;

import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Scenario 4: a receiver long-polls an empty queue (WaitTimeSeconds 20); once it waits, one
 * SendMessage is issued on another connection; measured is the time from issuing the send to the
 * receive's answer arriving, as a real producer and consumer see it. Whether the send's fsync is
 * part of it is the server's choice: Sluice wakes the receive as soon as the send is queued for
 * the disk, so its receive may answer before the send does.
 */
public final class LongPollScenario implements Scenario {

  /** Time given to the receive to reach the server and park before the send goes out. */
  private static final long SETTLE_MILLIS = 20;

  private static final int WAIT_SECONDS = 20;

  @Override
  public String id() {
    return "long-poll";
  }

  @Override
  public String title() {
    return "4. long-poll wake-up: send to receive return";
  }

  @Override
  public String latencyLabel() {
    return "Wake-up latency, ms (from issuing the send to the long poll's answer)";
  }

  @Override
  public boolean measuresThroughput() {
    return false;
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return context.holdsLongPolls() ? 1 : 0;
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    if (!context.holdsLongPolls()) {
      return List.of();
    }
    String caseName = "wake-up";
    context.caseStarted().accept(id() + ", " + caseName);
    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(WAIT_SECONDS * 2L), 3);
    long errors = 0;
    String firstError = null;
    try (SqsConnection receiver = context.client().connect();
        SqsConnection sender = context.client().connect()) {
      String queueUrl = Queues.create(sender, context.queueName(id()), Map.of());
      for (int i = 0; i < context.settings().longPollRepetitions(); i++) {
        try {
          latency.recordValue(wakeUpMicros(receiver, sender, queueUrl));
        } catch (RuntimeException e) {
          errors++;
          firstError = firstError == null ? e.getMessage() : firstError;
          if (!receiver.isOpen() || !sender.isOpen()) {
            break;
          }
        }
      }
      Queues.delete(sender, queueUrl);
    }
    return List.of(
        new CaseResult(
            id(), caseName, context.target(), context.round(), Double.NaN, latency, errors,
            firstError));
  }

  private static long wakeUpMicros(SqsConnection receiver, SqsConnection sender, String queueUrl) {
    long[] answeredAt = new long[1];
    CompletableFuture<List<String>> received =
        SqsApi.receive(receiver, queueUrl, 1, WAIT_SECONDS, 30)
            .thenApply(
                handles -> {
                  // Taken on the event loop as the answer is decoded: no scheduling delay added.
                  answeredAt[0] = System.nanoTime();
                  return handles;
                });
    sleep(SETTLE_MILLIS);
    if (received.isDone()) {
      throw new IllegalStateException("the receive returned before any message was sent");
    }
    long sentAt = System.nanoTime();
    Queues.await(SqsApi.sendMessage(sender, queueUrl, "wake up"));
    List<String> handles = Queues.await(received);
    if (handles.size() != 1) {
      throw new IllegalStateException("the long poll returned " + handles.size() + " messages");
    }
    Queues.await(SqsApi.deleteBatch(sender, queueUrl, handles));
    return Math.max(0, (answeredAt[0] - sentAt) / 1_000);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
