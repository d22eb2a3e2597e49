package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.ReceiveSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Smoke tests with several threads: nothing lost, nothing doubled, FIFO groups stay exclusive. */
public abstract class ConcurrencyBehaviour extends StoreFixture {

  private static final int THREADS = 4;

  @Test
  void concurrent_producers_and_consumers_see_every_message_exactly_once() throws Exception {
    createStandard("q");
    int perProducer = 300;
    int total = perProducer * THREADS;
    Set<String> received = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int p = 0; p < THREADS; p++) {
        int producer = p;
        tasks.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perProducer; i += 3) {
            List<NewMessage> batch = new ArrayList<>();
            for (int j = i; j < Math.min(i + 3, perProducer); j++) {
              batch.add(new NewMessage(message("p" + producer + "-" + j), 0));
            }
            await(store.send("q", batch));
          }
          return null;
        }));
      }
      for (int c = 0; c < THREADS; c++) {
        tasks.add(pool.submit(() -> {
          start.await();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (received.size() < total && System.nanoTime() < deadline) {
            for (Delivery delivery : await(store.receive("q", new ReceiveSpec(10, 3600, null)))) {
              if (!received.add(delivery.message().body())) {
                duplicates.incrementAndGet();
              }
              assertThat(await(store.delete("q", delivery.receiptHandle()))).isEqualTo(DeleteOutcome.DELETED);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(duplicates).hasValue(0);
    assertThat(received).hasSize(total);
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void concurrent_fifo_consumers_never_hold_two_messages_of_a_group_out_of_order() throws Exception {
    createFifo("q.fifo");
    int groups = 8;
    int perGroup = 40;
    for (int i = 0; i < perGroup; i++) {
      for (int g = 0; g < groups; g++) {
        sendFifo("q.fifo", "g" + g, "g" + g + "-" + i);
      }
    }
    Map<String, List<Integer>> seenPerGroup = new ConcurrentHashMap<>();
    Set<String> groupsInFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger violations = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> consumers = new ArrayList<>();
      for (int c = 0; c < THREADS; c++) {
        consumers.add(pool.submit(() -> {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (done.get() < groups * perGroup && System.nanoTime() < deadline) {
            List<Delivery> batch = await(store.receive("q.fifo", new ReceiveSpec(3, 3600, null)));
            String group = null;
            for (Delivery delivery : batch) {
              String g = delivery.message().messageGroupId();
              if (!g.equals(group) && !groupsInFlight.add(g)) {
                violations.incrementAndGet(); // another consumer holds this group
              }
              group = g;
              String body = delivery.message().body();
              seenPerGroup.computeIfAbsent(g, k -> new ArrayList<>())
                  .add(Integer.parseInt(body.substring(body.indexOf('-') + 1)));
            }
            // Forget the group before deleting: the store may hand it to another consumer as
            // soon as the delete of its last in-flight message is done.
            for (Delivery delivery : batch) {
              groupsInFlight.remove(delivery.message().messageGroupId());
              await(store.delete("q.fifo", delivery.receiptHandle()));
              done.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> consumer : consumers) {
        consumer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(violations).hasValue(0);
    assertThat(done).hasValue(groups * perGroup);
    assertThat(seenPerGroup).hasSize(groups);
    for (List<Integer> sequence : seenPerGroup.values()) {
      assertThat(sequence).hasSize(perGroup).isSorted();
    }
  }
}
