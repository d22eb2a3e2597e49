package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.QueueCounts;
import org.junit.jupiter.api.Test;

/** moveMessages, the store's part of message move tasks (StartMessageMoveTask). */
public abstract class MoveMessagesBehaviour extends StoreFixture {

  /** Puts {@code bodies} into "dlq" the way redrive does: each received once from {@code source}. */
  private void deadLetter(String source, String... bodies) {
    for (String body : bodies) {
      send(source, body);
    }
    receive(source, 10, 1);
    advanceSeconds(1);
    receive(source, 10);
  }

  @Test
  void messages_move_oldest_first_up_to_the_maximum_to_the_destination() {
    createStandard("dlq");
    createStandard("source", "RedrivePolicy", redrivePolicy("dlq", 1));
    createStandard("destination");
    deadLetter("source", "m1", "m2", "m3");

    assertThat(await(store.moveMessages("dlq", "destination", 2))).isEqualTo(2);

    assertThat(store.counts("dlq")).isEqualTo(new QueueCounts(1, 0, 0));
    java.util.List<Delivery> moved = receive("destination", 10);
    assertThat(bodies(moved)).containsExactly("m1", "m2");
    assertThat(moved).allSatisfy(d -> {
      assertThat(d.receiveCount()).isEqualTo(1);
      assertThat(d.message().deadLetterQueueSourceArn()).isNull();
    });
  }

  @Test
  void without_a_destination_messages_go_back_to_their_source_queues() {
    createStandard("dlq");
    createStandard("a", "RedrivePolicy", redrivePolicy("dlq", 1));
    createStandard("b", "RedrivePolicy", redrivePolicy("dlq", 1));
    deadLetter("a", "from-a");
    deadLetter("b", "from-b");
    String idFromA = receive("dlq", 10, 0).stream()
        .filter(d -> d.message().body().equals("from-a")).findFirst().orElseThrow()
        .message().messageId();

    assertThat(await(store.moveMessages("dlq", null, 10))).isEqualTo(2);

    Delivery backInA = receiveOne("a");
    assertThat(backInA.message().body()).isEqualTo("from-a");
    assertThat(backInA.message().messageId()).isEqualTo(idFromA);
    assertThat(backInA.message().deadLetterQueueSourceArn()).isNull();
    assertThat(backInA.receiveCount()).isEqualTo(1);
    assertThat(bodies(receive("b", 10))).containsExactly("from-b");
    assertThat(store.counts("dlq")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void messages_whose_source_queue_is_gone_stay() {
    createStandard("dlq");
    createStandard("a", "RedrivePolicy", redrivePolicy("dlq", 1));
    deadLetter("a", "m");
    await(store.deleteQueue("a"));

    assertThat(await(store.moveMessages("dlq", null, 10))).isZero();

    assertThat(store.counts("dlq")).isEqualTo(new QueueCounts(1, 0, 0));
  }

  @Test
  void in_flight_messages_are_not_moved() {
    createStandard("dlq");
    createStandard("destination");
    send("dlq", "busy");
    send("dlq", "idle");
    receive("dlq", 1);

    assertThat(await(store.moveMessages("dlq", "destination", 10))).isEqualTo(1);

    assertThat(bodies(receive("destination", 10))).containsExactly("idle");
    assertThat(store.counts("dlq")).isEqualTo(new QueueCounts(0, 1, 0));
  }

  @Test
  void moving_from_an_empty_queue_moves_nothing() {
    createStandard("dlq");
    createStandard("destination");

    assertThat(await(store.moveMessages("dlq", "destination", 10))).isZero();
  }
}
