package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.Delivery;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Long-poll wake-ups ({@code availability().nextAvailable}). A wake-up may be spurious, but it
 * must never be missed: each test checks that the future completes when messages become
 * receivable, and that it does not complete before. Stores may complete wake-ups on their own
 * threads, so "completes" allows a short real-time wait and "does not complete" checks after the
 * clock was moved and the store had a moment to react.
 */
public abstract class LongPollBehaviour extends StoreFixture {

  private static final Duration SETTLE = Duration.ofMillis(100);

  private CompletableFuture<Void> waitFor(String queue) {
    return store.availability().nextAvailable(queue);
  }

  private static void assertCompletes(CompletableFuture<Void> wakeUp) {
    assertThat(wakeUp).succeedsWithin(FUTURE_TIMEOUT);
  }

  private static void assertStillWaiting(CompletableFuture<Void> wakeUp) {
    try {
      wakeUp.get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception expected) {
      // still waiting (timeout) is what we want
    }
    assertThat(wakeUp).isNotDone();
  }

  @Test
  void a_waiter_on_an_empty_queue_waits_and_a_send_wakes_it() {
    createStandard("q");
    CompletableFuture<Void> wakeUp = waitFor("q");
    assertStillWaiting(wakeUp);

    send("q", "m");

    assertCompletes(wakeUp);
    assertThat(receive("q", 10)).hasSize(1);
  }

  @Test
  void a_waiter_on_a_queue_with_visible_messages_is_woken_at_once() {
    createStandard("q");
    send("q", "m");

    assertCompletes(waitFor("q"));
  }

  @Test
  void a_delayed_message_wakes_the_waiter_when_its_delay_ends() {
    createStandard("q");
    send("q", message("late"), 30);
    CompletableFuture<Void> wakeUp = waitFor("q");

    advanceSeconds(29);
    assertStillWaiting(wakeUp);

    advanceSeconds(1);
    assertCompletes(wakeUp);
    assertThat(bodies(receive("q", 10))).containsExactly("late");
  }

  @Test
  void an_in_flight_message_wakes_the_waiter_when_its_visibility_timeout_runs_out() {
    createStandard("q");
    send("q", "m");
    receive("q", 1, 20);
    CompletableFuture<Void> wakeUp = waitFor("q");

    advanceSeconds(19);
    assertStillWaiting(wakeUp);

    advanceSeconds(1);
    assertCompletes(wakeUp);
  }

  @Test
  void a_shortened_visibility_timeout_wakes_the_waiter_at_the_new_time() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receive("q", 1, 600).get(0);
    CompletableFuture<Void> wakeUp = waitFor("q");

    await(store.changeVisibility("q", delivery.receiptHandle(), 10));
    advanceSeconds(10);

    assertCompletes(wakeUp);
  }

  @Test
  void a_visibility_change_to_zero_wakes_the_waiter() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receiveOne("q");
    CompletableFuture<Void> wakeUp = waitFor("q");
    assertStillWaiting(wakeUp);

    await(store.changeVisibility("q", delivery.receiptHandle(), 0));

    assertCompletes(wakeUp);
  }

  @Test
  void deleting_the_in_flight_head_of_a_fifo_group_wakes_the_waiter() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g", "m1");
    sendFifo("q.fifo", "g", "m2");
    Delivery head = receiveOne("q.fifo");
    CompletableFuture<Void> wakeUp = waitFor("q.fifo");
    assertStillWaiting(wakeUp);

    await(store.delete("q.fifo", head.receiptHandle()));

    assertCompletes(wakeUp);
    assertThat(bodies(receive("q.fifo", 10))).containsExactly("m2");
  }

  @Test
  void a_send_to_a_locked_fifo_group_does_not_count_as_receivable() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g", "m1");
    receiveOne("q.fifo");
    CompletableFuture<Void> wakeUp = waitFor("q.fifo");

    sendFifo("q.fifo", "g", "m2");

    // A spurious wake-up is allowed; what matters is that the receive that follows finds nothing
    // and a new waiter then waits for the group's timeout.
    if (wakeUp.isDone()) {
      assertThat(receive("q.fifo", 10)).isEmpty();
      wakeUp = waitFor("q.fifo");
    }
    assertStillWaiting(wakeUp);
    advanceSeconds(30);
    assertCompletes(wakeUp);
  }

  @Test
  void every_waiter_of_a_queue_is_woken() {
    createStandard("q");
    CompletableFuture<Void> first = waitFor("q");
    CompletableFuture<Void> second = waitFor("q");

    send("q", "m");

    assertCompletes(first);
    assertCompletes(second);
  }

  @Test
  void a_cancelled_waiter_stays_cancelled_and_others_still_wake() {
    createStandard("q");
    CompletableFuture<Void> cancelled = waitFor("q");
    CompletableFuture<Void> other = waitFor("q");

    cancelled.cancel(false);
    send("q", "m");

    assertCompletes(other);
    assertThat(cancelled).isCancelled();
  }

  @Test
  void waiters_of_one_queue_are_not_woken_by_another() {
    createStandard("a");
    createStandard("b");
    CompletableFuture<Void> onA = waitFor("a");

    send("b", "m");

    assertStillWaiting(onA);
  }

  @Test
  void deleting_the_queue_wakes_its_waiters() {
    createStandard("q");
    CompletableFuture<Void> wakeUp = waitFor("q");

    await(store.deleteQueue("q"));

    assertCompletes(wakeUp);
  }

  @Test
  void a_message_moved_to_a_dead_letter_queue_wakes_its_waiters() {
    createStandard("dlq");
    createStandard("source", "RedrivePolicy", redrivePolicy("dlq", 1));
    send("source", "m");
    receive("source", 1, 1);
    CompletableFuture<Void> onDeadLetters = waitFor("dlq");
    advanceSeconds(1);

    receive("source", 10);

    assertCompletes(onDeadLetters);
  }
}
