package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.time.SystemTimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Measures the engine's memory per queued message (payloads kept by the store, as in the embedded
 * store) and its single-thread operation rate. Not a test: run by hand, e.g.
 * {@code java -cp <test classpath> dev.sluice.core.queue.engine.EngineFootprint 1000000}.
 */
public final class EngineFootprint {

  private static final Journal NOT_RECORDING = new Journal() {
    @Override
    public CompletableFuture<Void> write(List<Change> changes, boolean durable) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isRecording() {
      return false;
    }
  };

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    try (SystemTimeSource time = new SystemTimeSource()) {
      for (boolean fifo : new boolean[] {false, true}) {
        measureFootprint(time, messages, fifo);
      }
      measureRate(time, 200_000);
      for (int threads : new int[] {2, 4}) {
        measureConcurrentRate(time, threads, 200_000, true);
        measureConcurrentRate(time, threads, 200_000, false);
      }
    }
  }

  private static void measureFootprint(SystemTimeSource time, int messages, boolean fifo) {
    MessageData template = new MessageData("id", "x".repeat(1024), "md5", Map.of(), null, Map.of(), null,
        0, "sender", fifo ? "g" : null, fifo ? "d" : null, null);
    QueueEngine engine = new QueueEngine(time, NOT_RECORDING, (queueId, sequence) -> template);
    String name = fifo ? "q.fifo" : "q";
    Map<String, String> attributes = fifo ? Map.of("FifoQueue", "true") : Map.of();
    engine.createQueue(new QueueRecord(name, fifo, 0, 0, attributes, Map.of())).join();
    long before = usedHeap();
    List<NewMessage> batch = new ArrayList<>(10);
    for (int i = 0; i < messages; i++) {
      MessageData data = fifo
          ? new MessageData("id", template.body(), "md5", Map.of(), null, Map.of(), null, 0, "sender",
              "g" + (i % 1000), "d" + i, null)
          : template;
      batch.add(new NewMessage(data, 0));
      if (batch.size() == 10) {
        engine.send(name, batch).join();
        batch = new ArrayList<>(10);
      }
    }
    long after = usedHeap();
    System.out.printf("%s: %d messages, %.1f bytes per message (payload on disk)%s%n",
        fifo ? "FIFO (1000 groups)" : "standard", messages, (after - before) / (double) messages,
        fifo ? ", including the de-duplication ids of the last five minutes" : "");
    engine.close();
  }

  private static void measureRate(SystemTimeSource time, int messages) {
    QueueEngine engine = new QueueEngine(time, Journal.NONE, null);
    engine.createQueue(new QueueRecord("rate", false, 0, 0, Map.of(), Map.of())).join();
    MessageData data = new MessageData("id", "body", "md5", Map.of(), null, Map.of(), null, 0, "s",
        null, null, null);
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(new NewMessage(data, 0));
    }
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < messages; i += 10) {
        engine.send("rate", batch).join();
        for (var delivery : engine.receive("rate", new ReceiveSpec(10, 30, null)).join()) {
          engine.delete("rate", delivery.receiptHandle()).join();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("round %d: %.0f messages/s sent+received+deleted (batches of 10, one thread)%n",
          round, messages / seconds);
    }
    engine.close();
  }

  /** Threads each sending, receiving and deleting batches of 10 on one shared queue or their own. */
  private static void measureConcurrentRate(
      SystemTimeSource time, int threads, int messagesPerThread, boolean sharedQueue) throws Exception {
    QueueEngine engine = new QueueEngine(time, Journal.NONE, null);
    for (int t = 0; t < threads; t++) {
      engine.createQueue(new QueueRecord("rate" + t, false, 0, 0, Map.of(), Map.of())).join();
    }
    MessageData data = new MessageData("id", "body", "md5", Map.of(), null, Map.of(), null, 0, "s",
        null, null, null);
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(new NewMessage(data, 0));
    }
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      String queue = sharedQueue ? "rate0" : "rate" + t;
      Thread worker = new Thread(() -> {
        for (int i = 0; i < messagesPerThread; i += 10) {
          engine.send(queue, batch).join();
          for (var delivery : engine.receive(queue, new ReceiveSpec(10, 30, null)).join()) {
            engine.delete(queue, delivery.receiptHandle()).join();
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d threads, %s: %.0f messages/s sent+received+deleted%n", threads,
        sharedQueue ? "one shared queue" : "a queue each", threads * messagesPerThread / seconds);
    engine.close();
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
