package dev.sluice.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.model.ChangeVisibilityRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.queue.model.SendMessageRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LongPollingTest extends ServiceFixture {

  private CompletableFuture<List<ReceivedMessage>> longPoll(String queue, int waitSeconds) {
    return service.receiveMessage(queue, receiveRequest(10, null, waitSeconds));
  }

  @Test
  void a_long_poll_on_a_queue_with_messages_answers_at_once() {
    createStandard("q");
    send("q", "m");

    assertThat(join(longPoll("q", 20))).hasSize(1);
    assertThat(service.waitingReceives()).isZero();
  }

  @Test
  void a_waiting_receive_is_answered_by_the_next_send() {
    createStandard("q");
    CompletableFuture<List<ReceivedMessage>> waiting = longPoll("q", 20);
    time.advanceSeconds(5);
    assertThat(waiting).isNotDone();
    assertThat(service.waitingReceives()).isEqualTo(1);

    send("q", "hello");

    assertThat(join(waiting)).extracting(ReceivedMessage::body).containsExactly("hello");
    assertThat(service.waitingReceives()).isZero();
  }

  @Test
  void a_waiting_receive_is_answered_when_a_delayed_message_becomes_visible() {
    createStandard("q");
    join(service.sendMessage("q", new SendMessageRequest("later", 3, null, null, null, null, null)));
    CompletableFuture<List<ReceivedMessage>> waiting = longPoll("q", 10);

    time.advanceSeconds(2);
    assertThat(waiting).isNotDone();
    time.advanceSeconds(1);

    assertThat(join(waiting)).extracting(ReceivedMessage::body).containsExactly("later");
  }

  @Test
  void a_waiting_receive_is_answered_when_an_in_flight_message_comes_back() {
    createStandard("q", Map.of("VisibilityTimeout", "4"));
    send("q", "m");
    String handle = receive("q", 1).get(0).receiptHandle();
    CompletableFuture<List<ReceivedMessage>> waiting = longPoll("q", 20);

    join(service.changeMessageVisibility("q", new ChangeVisibilityRequest(handle, 0)));

    assertThat(join(waiting)).hasSize(1);
  }

  @Test
  void a_waiting_receive_answers_nothing_when_its_wait_time_runs_out() {
    createStandard("q");
    CompletableFuture<List<ReceivedMessage>> waiting = longPoll("q", 20);

    time.advanceSeconds(19);
    assertThat(waiting).isNotDone();
    time.advanceSeconds(1);

    assertThat(join(waiting)).isEmpty();
    assertThat(service.waitingReceives()).isZero();
  }

  @Test
  void the_queues_receive_wait_time_makes_plain_receives_long_polls() {
    createStandard("q", Map.of("ReceiveMessageWaitTimeSeconds", "10"));
    CompletableFuture<List<ReceivedMessage>> waiting =
        service.receiveMessage("q", receiveRequest(null, null, null));
    assertThat(waiting).isNotDone();

    CompletableFuture<List<ReceivedMessage>> shortPoll =
        service.receiveMessage("q", receiveRequest(null, null, 0));
    assertThat(join(shortPoll)).isEmpty();

    time.advanceSeconds(10);
    assertThat(join(waiting)).isEmpty();
  }

  @Test
  void a_cancelled_wait_stops_waiting_and_leaves_the_next_message_for_others() {
    createStandard("q");
    CompletableFuture<List<ReceivedMessage>> gone = longPoll("q", 20);

    gone.cancel(true);
    assertThat(service.waitingReceives()).isZero();
    send("q", "m");

    assertThat(receive("q", 1)).hasSize(1);
  }

  @Test
  void a_send_wakes_one_waiter_with_the_message_and_the_others_keep_waiting() {
    createStandard("q");
    CompletableFuture<List<ReceivedMessage>> first = longPoll("q", 20);
    CompletableFuture<List<ReceivedMessage>> second = longPoll("q", 20);

    send("q", "only one");

    assertThat(List.of(first, second)).filteredOn(CompletableFuture::isDone).hasSize(1);
    CompletableFuture<List<ReceivedMessage>> stillWaiting = first.isDone() ? second : first;
    assertThat(service.waitingReceives()).isEqualTo(1);
    send("q", "another");
    assertThat(join(stillWaiting)).extracting(ReceivedMessage::body).containsExactly("another");
  }

  @Test
  void closing_the_service_answers_every_waiting_receive_with_nothing() {
    createStandard("q");
    CompletableFuture<List<ReceivedMessage>> waiting = longPoll("q", 20);

    service.close();

    assertThat(join(waiting)).isEmpty();
    assertThat(join(longPoll("q", 20))).as("after close, receives do not wait").isEmpty();
  }

  @Test
  void a_queue_deleted_under_a_waiting_receive_ends_the_wait() {
    createStandard("q");
    CompletableFuture<List<ReceivedMessage>> waiting = longPoll("q", 20);

    join(service.deleteQueue("q"));
    time.advanceSeconds(20);

    assertThat(waiting).isDone();
    assertThat(service.waitingReceives()).isZero();
  }
}
