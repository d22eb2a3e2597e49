package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.QueueCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Redrive: messages received maxReceiveCount times move to the dead-letter queue. */
public abstract class DeadLetterBehaviour extends StoreFixture {

  @Test
  void a_message_received_max_receive_count_times_moves_to_the_dead_letter_queue() {
    // Recorded: test_dead_letter_queue_message_attributes (maxReceiveCount 1: the DLQ receive
    // shows ApproximateReceiveCount 2 and DeadLetterQueueSourceArn).
    createStandard("dlq");
    createStandard("source", "RedrivePolicy", redrivePolicy("dlq", 1));
    MessageData sent = message("m");
    send("source", sent);
    Delivery first = receive("source", 1, 1).get(0);
    advanceSeconds(1);

    assertThat(receive("source", 10)).isEmpty();

    Delivery dead = receiveOne("dlq");
    assertThat(dead.message().messageId()).isEqualTo(sent.messageId());
    assertThat(dead.message().body()).isEqualTo("m");
    assertThat(dead.message().messageAttributes()).containsOnlyKeys("colour", "size", "blob");
    assertThat(dead.message().systemAttributes()).containsKey("AWSTraceHeader");
    assertThat(dead.message().sentTimestamp()).isEqualTo(sent.sentTimestamp());
    assertThat(dead.message().deadLetterQueueSourceArn()).isEqualTo(arn("source"));
    assertThat(dead.receiveCount()).isEqualTo(2);
    assertThat(dead.firstReceiveTimestamp()).isEqualTo(first.firstReceiveTimestamp());
    assertThat(store.counts("source")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void a_message_is_delivered_max_receive_count_times_before_it_moves() {
    createStandard("dlq");
    createStandard("source", "RedrivePolicy", redrivePolicy("dlq", 3));
    send("source", "m");

    for (int i = 1; i <= 3; i++) {
      assertThat(receiveOne("source").receiveCount()).isEqualTo(i);
      advanceSeconds(30);
    }

    assertThat(receive("source", 10)).isEmpty();
    assertThat(store.counts("dlq").visible()).isEqualTo(1);
  }

  @Test
  void other_messages_are_still_delivered_by_the_receive_that_moves_one() {
    createStandard("dlq");
    createStandard("source", "RedrivePolicy", redrivePolicy("dlq", 1));
    send("source", "poison");
    receive("source", 1, 1);
    send("source", "fine");
    advanceSeconds(1);

    assertThat(bodies(receive("source", 10))).containsExactly("fine");
    assertThat(bodies(receive("dlq", 10))).containsExactly("poison");
  }

  @Test
  void without_its_dead_letter_queue_a_message_is_delivered_normally() {
    createStandard("source", "RedrivePolicy", redrivePolicy("missing-dlq", 1));
    send("source", "m");
    receive("source", 1, 1);
    advanceSeconds(1);

    assertThat(receiveOne("source").receiveCount()).isEqualTo(2);
  }

  @Test
  void a_fifo_dead_letter_queue_keeps_the_group_and_its_order() {
    createFifo("dlq.fifo");
    createFifo("source.fifo", "RedrivePolicy", redrivePolicy("dlq.fifo", 1));
    sendFifo("source.fifo", "g", "m1");
    sendFifo("source.fifo", "g", "m2");
    receive("source.fifo", 10, 1);
    advanceSeconds(1);

    assertThat(receive("source.fifo", 10)).isEmpty();

    List<Delivery> dead = receive("dlq.fifo", 10);
    assertThat(bodies(dead)).containsExactly("m1", "m2");
    assertThat(dead).extracting(d -> d.message().messageGroupId()).containsOnly("g");
    assertThat(dead.get(0).sequenceNumber()).isLessThan(dead.get(1).sequenceNumber());
  }

  @Test
  void queues_that_are_each_others_dead_letter_queue_do_not_deadlock() throws Exception {
    createStandard("ping", "RedrivePolicy", redrivePolicy("pong", 1));
    createStandard("pong", "RedrivePolicy", redrivePolicy("ping", 1));
    int messages = 200;
    for (int i = 0; i < messages; i++) {
      send(i % 2 == 0 ? "ping" : "pong", "m" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String queue = t % 2 == 0 ? "ping" : "pong";
        workers.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 200; i++) {
            await(store.receive(queue, new dev.sluice.core.queue.store.ReceiveSpec(10, 0, null)));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    QueueCounts ping = store.counts("ping");
    QueueCounts pong = store.counts("pong");
    assertThat(ping.visible() + ping.inFlight() + pong.visible() + pong.inFlight()).isEqualTo(messages);
  }
}
