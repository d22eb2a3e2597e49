package dev.sluice.core.queue;

import static dev.sluice.core.queue.AwsRecordings.assertRefusedAsRecorded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.model.MessageMoveTask;
import dev.sluice.core.queue.model.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageMoveTaskTest extends ServiceFixture {

  @BeforeEach
  void a_source_queue_whose_dead_letters_wait_in_a_dead_letter_queue() {
    createStandard("dlq");
    createStandard("src", Map.of("VisibilityTimeout", "0", "RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + arn("dlq") + "\",\"maxReceiveCount\":1}"));
    createStandard("dest");
  }

  private void deadLetters(int count) {
    for (int i = 0; i < count; i++) {
      send("src", "m" + i);
    }
    // First receives deliver; the next ones move each message to the dead-letter queue.
    for (int round = 0; round < 2; round++) {
      while (!receive("src", 10).isEmpty()) {
        // drain
      }
    }
    assertThat(store.counts("dlq").visible()).isEqualTo(count);
  }

  private MessageMoveTask latest(String queue) {
    return join(service.listMessageMoveTasks(arn(queue), null)).get(0);
  }

  @Test
  void a_task_moves_every_dead_letter_to_the_destination_and_completes() {
    deadLetters(2);

    String handle = join(service.startMessageMoveTask(arn("dlq"), arn("dest"), null));
    time.runDueTasks();

    MessageMoveTask task = latest("dlq");
    assertThat(task.status()).isEqualTo("COMPLETED");
    assertThat(task.taskHandle()).isNull();
    assertThat(task.approximateNumberOfMessagesMoved()).isEqualTo(2);
    assertThat(task.approximateNumberOfMessagesToMove()).isEqualTo(2);
    assertThat(task.sourceArn()).isEqualTo(arn("dlq"));
    assertThat(task.destinationArn()).isEqualTo(arn("dest"));
    assertThat(task.startedTimestamp()).isEqualTo(time.nowMillis());
    assertThat(handle).isNotBlank();
    assertThat(receive("dest", 10)).extracting(ReceivedMessage::body).containsExactlyInAnyOrder("m0", "m1");
  }

  @Test
  void without_a_destination_messages_go_back_to_their_source_queue() {
    deadLetters(2);

    join(service.startMessageMoveTask(arn("dlq"), null, null));
    time.runDueTasks();

    assertThat(latest("dlq").destinationArn()).isNull();
    assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
    assertThat(receive("src", 10)).hasSize(2);
  }

  @Test
  void a_rate_limit_moves_that_many_messages_per_second() {
    deadLetters(5);

    String handle = join(service.startMessageMoveTask(arn("dlq"), arn("dest"), 2));
    time.runDueTasks();
    MessageMoveTask running = latest("dlq");
    assertThat(running.status()).isEqualTo("RUNNING");
    assertThat(running.taskHandle()).isEqualTo(handle);
    assertThat(running.approximateNumberOfMessagesMoved()).isEqualTo(2);
    assertThat(running.maxNumberOfMessagesPerSecond()).isEqualTo(2);

    time.advanceSeconds(1);
    assertThat(latest("dlq").approximateNumberOfMessagesMoved()).isEqualTo(4);
    time.advanceSeconds(1);
    assertThat(latest("dlq").status()).isEqualTo("COMPLETED");
    assertThat(latest("dlq").approximateNumberOfMessagesMoved()).isEqualTo(5);
  }

  @Test
  void a_cancelled_task_stops_at_its_next_tick() {
    deadLetters(5);
    String handle = join(service.startMessageMoveTask(arn("dlq"), arn("dest"), 1));
    time.runDueTasks();

    assertThat(join(service.cancelMessageMoveTask(handle))).isEqualTo(1);
    assertThat(latest("dlq").status()).isEqualTo("CANCELLING");
    time.advanceSeconds(5);

    assertThat(latest("dlq").status()).isEqualTo("CANCELLED");
    assertThat(latest("dlq").approximateNumberOfMessagesMoved()).isEqualTo(1);
    assertThat(store.counts("dlq").visible()).isEqualTo(4);
  }

  @Test
  void only_one_task_runs_per_source_and_the_newest_is_listed_first() {
    deadLetters(3);
    join(service.startMessageMoveTask(arn("dlq"), arn("dest"), 1));

    assertRefusedAsRecorded(AwsRecordings.moveTask("test_start_multiple_move_tasks", "error"),
        () -> join(service.startMessageMoveTask(arn("dlq"), arn("dest"), 1)));
    time.advanceSeconds(3);
    join(service.startMessageMoveTask(arn("dlq"), arn("dest"), null));
    time.runDueTasks();

    List<MessageMoveTask> tasks = join(service.listMessageMoveTasks(arn("dlq"), 10));
    assertThat(tasks).extracting(MessageMoveTask::startedTimestamp).isSortedAccordingTo(
        java.util.Comparator.reverseOrder());
    assertThat(tasks).hasSize(2);
    assertThat(join(service.listMessageMoveTasks(arn("dlq"), null))).hasSize(1);
    assertThat(refusal(service.listMessageMoveTasks(arn("dlq"), 11)).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void a_task_fails_when_its_destination_disappears() {
    deadLetters(3);
    join(service.startMessageMoveTask(arn("dlq"), arn("dest"), 1));
    time.runDueTasks();

    join(service.deleteQueue("dest"));
    time.advanceSeconds(1);

    var recorded = AwsRecordings.moveTask("test_move_task_delete_destination_queue_while_running", "list")
        .path("Results").get(0);
    MessageMoveTask task = latest("dlq");
    assertThat(task.status()).isEqualTo(recorded.path("Status").asText());
    assertThat(task.failureReason()).isEqualTo(recorded.path("FailureReason").asText());
  }

  @Test
  void the_source_must_be_an_existing_dead_letter_queue_and_the_destination_must_exist() {
    assertRefusedAsRecorded(AwsRecordings.moveTask("test_source_needs_redrive_policy", "error"),
        () -> join(service.startMessageMoveTask(arn("dest"), null, null)));
    assertRefusedAsRecorded(AwsRecordings.moveTask("test_destination_needs_to_exist", "error"),
        () -> join(service.startMessageMoveTask(arn("dlq"), arn("missing"), null)));
    SqsException missingSource = refusal(service.startMessageMoveTask(arn("missing"), null, null));
    assertThat(missingSource.error()).isEqualTo(SqsError.RESOURCE_NOT_FOUND);
    assertThat(refusal(service.startMessageMoveTask(arn("dlq"), null, 501)).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.startMessageMoveTask("dlq", null, null)).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void cancelling_needs_a_handle_of_a_known_task() {
    String unknownTask = Base64.getEncoder().encodeToString(
        ("{\"taskId\":\"nope\",\"sourceArn\":\"" + arn("dlq") + "\"}").getBytes(StandardCharsets.UTF_8));
    String unknownSource = Base64.getEncoder().encodeToString(
        ("{\"taskId\":\"nope\",\"sourceArn\":\"" + arn("missing") + "\"}").getBytes(StandardCharsets.UTF_8));

    assertRefusedAsRecorded(AwsRecordings.moveTask("test_cancel_with_invalid_task_handle", "error"),
        () -> join(service.cancelMessageMoveTask("totally-invalid-handle")));
    assertRefusedAsRecorded(AwsRecordings.moveTask("test_cancel_with_invalid_task_id_in_task_handle", "error"),
        () -> join(service.cancelMessageMoveTask(unknownTask)));
    assertRefusedAsRecorded(
        AwsRecordings.moveTask("test_cancel_with_invalid_source_arn_in_task_handle", "error"),
        () -> join(service.cancelMessageMoveTask(unknownSource)));
  }

  @Test
  void closing_the_service_stops_running_tasks() {
    deadLetters(3);
    join(service.startMessageMoveTask(arn("dlq"), arn("dest"), 1));
    time.runDueTasks();

    service.close();
    time.advanceSeconds(10);

    assertThat(store.counts("dlq").visible()).isEqualTo(2);
  }
}
