package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.ReceiveSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Creating, reading, updating and deleting queues. */
public abstract class QueueCrudBehaviour extends StoreFixture {

  @Test
  void create_completes_with_the_new_queue_and_makes_it_readable() {
    QueueRecord queue = standardQueue("orders", "VisibilityTimeout", "45");

    assertThat(create(queue)).isEqualTo(queue);
    assertThat(store.queue("orders")).contains(queue);
    assertThat(store.counts("orders")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void create_of_an_existing_name_completes_with_the_existing_queue_unchanged() {
    QueueRecord first = create(standardQueue("orders", "VisibilityTimeout", "45"));

    QueueRecord answer = create(standardQueue("orders", "VisibilityTimeout", "60"));

    assertThat(answer).isEqualTo(first);
    assertThat(store.queue("orders")).contains(first);
  }

  @Test
  void queues_are_listed_sorted_by_name() {
    createStandard("b-queue");
    createFifo("a-queue.fifo");
    createStandard("c-queue");

    assertThat(store.queues()).extracting(QueueRecord::name)
        .containsExactly("a-queue.fifo", "b-queue", "c-queue");
  }

  @Test
  void a_missing_queue_reads_as_empty() {
    assertThat(store.queue("nowhere")).isEmpty();
  }

  @Test
  void update_replaces_the_record_and_completes_with_the_new_one() {
    createStandard("orders");

    QueueRecord updated = await(store.updateQueue("orders", q -> {
      Map<String, String> attributes = new HashMap<>(q.attributes());
      attributes.put("VisibilityTimeout", "90");
      return q.withAttributes(attributes, q.createdMillis() + 5).withTags(Map.of("team", "blue"));
    }));

    assertThat(updated.attributes()).containsEntry("VisibilityTimeout", "90");
    assertThat(store.queue("orders")).contains(updated);
    assertThat(updated.tags()).containsEntry("team", "blue");
  }

  @Test
  void updates_from_many_threads_are_each_applied_atomically() throws Exception {
    createStandard("counter", "Counter", "0");
    int threads = 6;
    int updatesPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < updatesPerThread; i++) {
            await(store.updateQueue("counter", q -> {
              Map<String, String> attributes = new HashMap<>(q.attributes());
              attributes.put("Counter", String.valueOf(Integer.parseInt(attributes.get("Counter")) + 1));
              return q.withAttributes(attributes, q.lastModifiedMillis());
            }));
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.queue("counter").orElseThrow().attributes())
        .containsEntry("Counter", String.valueOf(threads * updatesPerThread));
  }

  @Test
  void an_update_that_throws_changes_nothing() {
    QueueRecord original = create(standardQueue("orders"));

    Throwable failure = failureOf(store.updateQueue("orders", q -> {
      throw new SqsException(SqsError.INVALID_ATTRIBUTE_VALUE, "no");
    }));

    assertThat(failure).isInstanceOf(SqsException.class);
    assertThat(store.queue("orders")).contains(original);
  }

  @Test
  void delete_removes_the_queue_and_its_messages() {
    createStandard("orders");
    send("orders", "one");

    assertThat(await(store.deleteQueue("orders"))).isTrue();

    assertThat(store.queue("orders")).isEmpty();
    assertThat(store.queues()).isEmpty();
    createStandard("orders");
    assertThat(receive("orders", 10)).isEmpty();
    assertThat(store.counts("orders")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void delete_of_a_missing_queue_completes_with_false() {
    assertThat(await(store.deleteQueue("nowhere"))).isFalse();
  }

  @Test
  void every_message_operation_on_a_missing_queue_fails_with_queue_does_not_exist() {
    List<CompletableFuture<?>> futures = List.of(
        store.updateQueue("nowhere", q -> q),
        store.send("nowhere", List.of(new NewMessage(message("x"), 0))),
        store.receive("nowhere", new ReceiveSpec(1, 30, null)),
        store.delete("nowhere", "handle"),
        store.deleteAll("nowhere", List.of("handle")),
        store.changeVisibility("nowhere", "handle", 0),
        store.purge("nowhere"),
        store.moveMessages("nowhere", null, 10));

    for (CompletableFuture<?> future : futures) {
      assertThat(failureOf(future))
          .isInstanceOfSatisfying(SqsException.class,
              e -> assertThat(e.error()).isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST));
    }
    assertThatThrownBy(() -> store.counts("nowhere"))
        .isInstanceOfSatisfying(SqsException.class,
            e -> assertThat(e.error()).isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST));
  }

  @Test
  void moving_to_a_missing_destination_fails_with_queue_does_not_exist() {
    createStandard("dlq");
    send("dlq", "one");

    assertThat(failureOf(store.moveMessages("dlq", "nowhere", 10)))
        .isInstanceOfSatisfying(SqsException.class,
            e -> assertThat(e.error()).isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST));
    assertThat(store.counts("dlq").visible()).isEqualTo(1);
  }

  @Test
  void store_names_its_kind() {
    assertThat(store.kind()).isNotBlank();
  }
}
