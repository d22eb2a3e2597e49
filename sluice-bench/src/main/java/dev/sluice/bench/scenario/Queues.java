package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.ClosedLoop;
import dev.sluice.bench.load.LoadResult;
import dev.sluice.bench.load.SendBatches;
import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsConnection;
import dev.sluice.bench.load.Step;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Set-up and tear-down shared by the scenarios: create, fill and delete queues. */
final class Queues {

  private static final long CALL_TIMEOUT_SECONDS = 60;
  static final int PREFILL_CONCURRENCY = 8;
  static final int RECEIVE_VISIBILITY_SECONDS = 120;
  /** CreateQueue attributes of a FIFO queue (its name must also end in ".fifo"). */
  static final Map<String, String> FIFO = Map.of("FifoQueue", "true");

  private Queues() {}

  static String create(SqsConnection connection, String name, Map<String, String> attributes) {
    return await(SqsApi.createQueue(connection, name, attributes));
  }

  /** Best effort: a queue left behind in a server the bench stops anyway does no harm. */
  static void delete(SqsConnection connection, String queueUrl) {
    try {
      await(SqsApi.deleteQueue(connection, queueUrl));
    } catch (RuntimeException e) {
      // The measurement is done; nothing to report.
    }
  }

  /**
   * Queues up to {@code settings.prefillMessages()} messages in 10-message batches, stopping early
   * at the prefill time budget; returns how many were queued. {@code fifoGroups} 0 means a
   * standard queue.
   */
  static long prefill(
      List<SqsConnection> connections, SendBatches batches, int fifoGroups, BenchSettings settings) {
    long batchesWanted = settings.prefillMessages() / batches.entries();
    long[] issued = {0};
    LoadResult result =
        ClosedLoop.run(
            connections,
            settings.prefillBudget(),
            connection -> {
              // Runs on the single event-loop thread: the plain counter is safe.
              if (issued[0] >= batchesWanted) {
                return CompletableFuture.completedFuture(Step.last(0));
              }
              issued[0]++;
              byte[] body = fifoGroups > 0 ? batches.fifo(fifoGroups) : batches.standard();
              return SqsApi.sendBatch(connection, body, batches.entries()).thenApply(Step::of);
            });
    if (result.errors() > 0) {
      throw new IllegalStateException("prefill failed: " + result.firstError());
    }
    return result.messages();
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }

  static void closeAll(List<SqsConnection> connections) {
    connections.forEach(SqsConnection::close);
  }
}
