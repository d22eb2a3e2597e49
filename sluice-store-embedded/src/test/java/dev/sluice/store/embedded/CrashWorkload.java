package dev.sluice.store.embedded;

import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.time.SystemTimeSource;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link EmbeddedStoreCrashTest} kills: it sends and deletes messages through the
 * store from several threads until it is killed, and prints a line for each acknowledged change:
 * {@code SENT <messageId>} once a send's future completed, {@code DELETED <messageId>} once a
 * delete's future completed with DELETED. A line printed is a promise the store made. It also
 * prints {@code DELETING <messageId>} before each delete: such a message may be gone without its
 * DELETED line, when the kill came between the commit and the print.
 */
public final class CrashWorkload {

  static final String QUEUE = "crash-test";
  /** The first line, before any acknowledgement. */
  static final String READY = "READY";
  static final int SENDERS = 4;
  static final int CONSUMERS = 2;

  private static final PrintStream out =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  /** Second argument: before the load, make RocksDB put this many WAL files up for reuse. */
  static final String RECYCLE_WAL_FILES = "recycle-wal-files";
  static final int WAL_FILES_TO_RECYCLE = 3;

  public static void main(String[] args) throws Exception {
    SystemTimeSource time = new SystemTimeSource();
    EmbeddedQueueStore store = EmbeddedQueueStore.open(Path.of(args[0]), time);
    store.createQueue(TestMessages.standardQueue(QUEUE)).get();
    if (args.length > 1 && args[1].equals(RECYCLE_WAL_FILES)) {
      // Each flush starts a new WAL file and makes the previous one obsolete: RocksDB keeps it for
      // reuse, so the load below writes over old records, which recovery must tell apart.
      for (int i = 0; i < WAL_FILES_TO_RECYCLE; i++) {
        store.send(QUEUE, List.of(TestMessages.message("filler-" + i + "-" + "f".repeat(4096)))).get();
        store.flushMemtables();
      }
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      threads.add(new Thread(() -> sendForever(store), "sender-" + i));
    }
    for (int i = 0; i < CONSUMERS; i++) {
      threads.add(new Thread(() -> deleteForever(store), "consumer-" + i));
    }
    threads.forEach(Thread::start);
    out.println(READY);
    for (Thread thread : threads) {
      thread.join(); // until killed
    }
  }

  private static void sendForever(EmbeddedQueueStore store) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (true) {
      List<NewMessage> batch = new ArrayList<>();
      int size = 1 + random.nextInt(10);
      for (int i = 0; i < size; i++) {
        batch.add(TestMessages.message("body-" + random.nextLong() + "-" + "x".repeat(random.nextInt(2048))));
      }
      try {
        for (SendOutcome outcome : store.send(QUEUE, batch).get(10, TimeUnit.SECONDS)) {
          report("SENT " + outcome.message().messageId());
        }
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
  }

  /** Receives and deletes about half of what it gets; the rest stays in flight (a lease on disk). */
  private static void deleteForever(EmbeddedQueueStore store) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (true) {
      try {
        for (Delivery delivery : store.receive(QUEUE, new ReceiveSpec(10, 600, null)).get(10, TimeUnit.SECONDS)) {
          if (random.nextBoolean()) {
            report("DELETING " + delivery.message().messageId());
            DeleteOutcome outcome = store.delete(QUEUE, delivery.receiptHandle()).get(10, TimeUnit.SECONDS);
            if (outcome == DeleteOutcome.DELETED) {
              report("DELETED " + delivery.message().messageId());
            }
          }
        }
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
  }

  private static void report(String line) {
    synchronized (out) {
      out.println(line);
    }
  }
}
