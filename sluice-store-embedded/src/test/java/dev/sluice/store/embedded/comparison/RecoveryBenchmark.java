package dev.sluice.store.embedded.comparison;

import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.time.SystemTimeSource;
import dev.sluice.store.embedded.EmbeddedQueueStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Restart-to-ready and memory with many queued messages (the target: 1,000,000 queued 1 KB
 * messages, ready in under 10 s within 512 MB RSS). A plain main class, never part of the test
 * suite; run each phase in its own JVM:
 *
 * <pre>
 * java -cp CP ...RecoveryBenchmark fill DIR 1000000 [close|hold]   # hold: wait to be killed (-9)
 * java -Xmx256m -cp CP ...RecoveryBenchmark recover DIR [drain]    # then receive+delete drain messages
 * </pre>
 */
public final class RecoveryBenchmark {

  static final String QUEUE = "bench";
  static final int SENDERS = 8;
  static final int BATCH = 10;

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    switch (args[0]) {
      case "fill" -> fill(directory, Integer.parseInt(args[2]), args.length < 4 || args[3].equals("close"));
      case "recover" -> recover(directory, args.length > 2 ? Integer.parseInt(args[2]) : 0);
      default -> throw new IllegalArgumentException("fill or recover, not " + args[0]);
    }
  }

  static void fill(Path directory, int count, boolean close) throws Exception {
    SystemTimeSource time = new SystemTimeSource();
    EmbeddedQueueStore store = EmbeddedQueueStore.open(directory, time);
    long now = time.nowMillis();
    store.createQueue(new QueueRecord(QUEUE, false, now, now, Map.of(), Map.of())).get();
    byte[] noise = new byte[1 << 20];
    new SplittableRandom(1).nextBytes(noise);
    long start = System.nanoTime();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    List<Future<?>> done = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      done.add(senders.submit(() -> {
        SplittableRandom random = new SplittableRandom(sender);
        for (int sent = sender * BATCH; sent < count; sent += SENDERS * BATCH) {
          List<NewMessage> batch = new ArrayList<>(BATCH);
          for (int i = 0; i < BATCH; i++) {
            batch.add(new NewMessage(message(kilobyteBody(noise, random), now), 0));
          }
          store.send(QUEUE, batch).get(30, TimeUnit.SECONDS);
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    senders.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("filled %d messages in %.1f s (%.0f messages/s), disk %d MB%n",
        count, seconds, count / seconds, directorySize(directory) >> 20);
    if (close) {
      store.close();
      System.out.println("closed");
    } else {
      System.out.println("FILLED (kill me)");
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  static void recover(Path directory, int drain) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long openStart = System.currentTimeMillis();
    SystemTimeSource time = new SystemTimeSource();
    try (EmbeddedQueueStore store = EmbeddedQueueStore.open(directory, time)) {
      var received = store.receive(QUEUE, new ReceiveSpec(10, 30, null)).get();
      long ready = System.currentTimeMillis();
      System.out.printf("open+recover %d ms, JVM start to first receive %d ms, counts %s, received %d%n",
          ready - openStart, ready - jvmStart, store.counts(QUEUE), received.size());
      System.gc();
      Thread.sleep(500);
      var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      System.out.printf("heap used after GC %d MB (committed %d MB); %s%n",
          heap.getUsed() >> 20, heap.getCommitted() >> 20, processMemory());
      if (drain > 0) {
        drain(store, drain);
      }
    }
  }

  /** Receives and deletes messages from 4 threads: payload reads fill the block cache. */
  private static void drain(EmbeddedQueueStore store, int count) throws Exception {
    long start = System.nanoTime();
    ExecutorService consumers = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      done.add(consumers.submit(() -> {
        for (int taken = 0; taken < count / 4; ) {
          var batch = store.receive(QUEUE, new ReceiveSpec(10, 300, null)).get();
          for (var delivery : batch) {
            store.delete(QUEUE, delivery.receiptHandle()).get();
          }
          taken += batch.size();
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    consumers.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("drained %d messages in %.1f s (%.0f/s), counts %s; %s%n",
        count, seconds, count / seconds, store.counts(QUEUE), processMemory());
  }

  private static MessageData message(String body, long now) {
    return new MessageData(UUID.randomUUID().toString(), body, "0123456789abcdef0123456789abcdef",
        Map.of(), null, Map.of(), null, now, "000000000000", null, null, null);
  }

  /** 1 KB of printable text from random noise, as a JSON-ish body would be. */
  private static String kilobyteBody(byte[] noise, SplittableRandom random) {
    int offset = random.nextInt(noise.length - 768);
    return Base64.getEncoder().encodeToString(Arrays.copyOfRange(noise, offset, offset + 768));
  }

  private static String processMemory() throws IOException {
    StringBuilder memory = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
        memory.append(line.replaceAll("\\s+", " ")).append("; ");
      }
    }
    return memory.toString();
  }

  private static long directorySize(Path directory) throws IOException {
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
