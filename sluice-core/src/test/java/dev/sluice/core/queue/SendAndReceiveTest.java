package dev.sluice.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.model.BatchEntry;
import dev.sluice.core.queue.model.BatchResult;
import dev.sluice.core.queue.model.ChangeVisibilityRequest;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.model.SendMessageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendAndReceiveTest extends ServiceFixture {

  @Test
  void a_sent_message_is_received_with_its_id_body_and_digest() {
    createStandard("q");

    SendMessageResult sent = send("q", "message");
    List<ReceivedMessage> received = receive("q", 1);

    assertThat(sent.md5OfMessageBody()).isEqualTo("78e731027d8fd50ed642340b7c9a63b3");
    assertThat(sent.md5OfMessageAttributes()).isNull();
    assertThat(sent.sequenceNumber()).isNull();
    assertThat(sent.messageId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(received).singleElement().satisfies(message -> {
      assertThat(message.messageId()).isEqualTo(sent.messageId());
      assertThat(message.body()).isEqualTo("message");
      assertThat(message.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
      assertThat(message.receiptHandle()).isNotBlank();
      assertThat(message.attributes()).isEmpty();
      assertThat(message.messageAttributes()).isEmpty();
      assertThat(message.md5OfMessageAttributes()).isNull();
    });
  }

  @Test
  void a_received_message_stays_hidden_for_the_visibility_timeout() {
    createStandard("q", Map.of("VisibilityTimeout", "10"));
    send("q", "m");

    assertThat(receive("q", 1)).hasSize(1);
    assertThat(receive("q", 1)).isEmpty();
    time.advanceSeconds(10);

    assertThat(receive("q", 1)).hasSize(1);
  }

  @Test
  void receive_refuses_out_of_range_numbers_with_aws_messages() {
    createStandard("q");

    AwsRecordings.assertRefusedAsRecorded(
        AwsRecordings.sqs("test_send_receive_max_number_of_messages[sqs]", "send_max_number_of_messages"),
        () -> join(service.receiveMessage("q", ReceiveMessageRequest.of(11))));
    var waitRecording = "test_send_receive_wait_time_seconds[sqs]";
    assertThat(refusal(service.receiveMessage("q", receiveRequest(null, null, 21))).getMessage())
        .isEqualTo(AwsRecordings.sqs(waitRecording, "recieve_message_error_too_large")
            .path("Error").path("Message").asText());
    assertThat(refusal(service.receiveMessage("q", receiveRequest(null, null, -1))).getMessage())
        .isEqualTo(AwsRecordings.sqs(waitRecording, "recieve_message_error_too_small")
            .path("Error").path("Message").asText());
    assertThat(refusal(service.receiveMessage("q", receiveRequest(0, null, null))).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.receiveMessage("q", receiveRequest(null, 43_201, null))).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void operations_on_a_missing_queue_are_refused_as_aws_refuses_them() {
    var recorded = AwsRecordings.sqs("test_non_existent_queue", "queue-does-not-exist");

    AwsRecordings.assertRefusedAsRecorded(recorded, () -> join(service.sendMessage("nope", SendMessageRequest.of("b"))));
    AwsRecordings.assertRefusedAsRecorded(recorded, () -> join(service.receiveMessage("nope", ReceiveMessageRequest.of(1))));
    AwsRecordings.assertRefusedAsRecorded(recorded, () -> join(service.deleteMessage("nope", "h")));
  }

  @Test
  void message_attributes_are_returned_as_the_receive_asks_with_a_digest_of_those_returned() {
    createStandard("q", Map.of("VisibilityTimeout", "0"));
    Map<String, MessageAttributeValue> attributes = Map.of(
        "Help.Me", MessageAttributeValue.string("Me"),
        "Hello", MessageAttributeValue.string("There"),
        "General", MessageAttributeValue.string("Kenobi"));
    var recording = "test_receive_message_message_attribute_names_filters[sqs]";
    SendMessageResult sent = join(service.sendMessage("q",
        new SendMessageRequest("msg", null, attributes, null, null, null, null)));
    assertThat(sent.md5OfMessageAttributes()).isEqualTo(AwsRecordings.sqs(recording,
        "send_message_response").path("MD5OfMessageAttributes").asText());

    for (var filter : Map.of(
        "all_name", List.of("All"), "all_wildcard", List.of(".*"),
        "only_existing", List.of("Hello", "General"),
        "existing_and_non_existing", List.of("Foo", "Hello"),
        "prefix_filter", List.of("Hel.*")).entrySet()) {
      var recorded = AwsRecordings.sqs(recording, filter.getKey());
      var expected = recorded.has("Messages") ? recorded.path("Messages").get(0) : recorded;
      ReceivedMessage message = join(service.receiveMessage("q",
          new ReceiveMessageRequest(1, null, null, null, null, filter.getValue(), null))).get(0);

      assertThat(message.md5OfMessageAttributes()).as(filter.getKey())
          .isEqualTo(expected.path("MD5OfMessageAttributes").asText());
      List<String> names = new ArrayList<>();
      expected.path("MessageAttributes").fieldNames().forEachRemaining(names::add);
      assertThat(message.messageAttributes().keySet()).as(filter.getKey())
          .containsExactlyInAnyOrderElementsOf(names);
    }
    ReceivedMessage none = join(service.receiveMessage("q",
        new ReceiveMessageRequest(1, null, null, null, null, List.of("Foo", "Help"), null))).get(0);
    assertThat(none.messageAttributes()).isEmpty();
    assertThat(none.md5OfMessageAttributes()).isNull();
  }

  @Test
  void all_system_attributes_of_a_standard_message_are_the_four_aws_records() {
    createStandard("q", Map.of("VisibilityTimeout", "0"));
    send("q", "msg");
    time.advanceSeconds(3);

    ReceivedMessage first = join(service.receiveMessage("q",
        new ReceiveMessageRequest(1, null, null, List.of("All"), null, null, null))).get(0);
    ReceivedMessage second = join(service.receiveMessage("q",
        new ReceiveMessageRequest(1, null, null, null, List.of("All"), null, null))).get(0);

    var recorded = AwsRecordings.sqs("test_receive_message_attribute_names_filters[sqs]",
        "all_attributes").path("Messages").get(0).path("Attributes");
    List<String> names = new ArrayList<>();
    recorded.fieldNames().forEachRemaining(names::add);
    assertThat(first.attributes().keySet()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(first.attributes()).containsEntry("ApproximateReceiveCount", "1")
        .containsEntry("SenderId", ACCOUNT)
        .containsEntry("SentTimestamp", Long.toString(time.nowMillis() - 3000))
        .containsEntry("ApproximateFirstReceiveTimestamp", Long.toString(time.nowMillis()));
    assertThat(second.attributes()).containsEntry("ApproximateReceiveCount", "2")
        .containsEntry("ApproximateFirstReceiveTimestamp", Long.toString(time.nowMillis()));
  }

  @Test
  void only_applicable_system_attributes_named_by_either_list_are_returned() {
    createStandard("q", Map.of("VisibilityTimeout", "0"));
    send("q", "msg");

    ReceivedMessage message = join(service.receiveMessage("q", new ReceiveMessageRequest(
        1, null, null, List.of("SenderId"), List.of("SequenceNumber", "SentTimestamp"), null, null)))
        .get(0);

    assertThat(message.attributes()).containsOnlyKeys("SenderId", "SentTimestamp");
  }

  @Test
  void fifo_messages_carry_group_deduplication_id_and_sequence_number() {
    createFifo("q.fifo", Map.of("ContentBasedDeduplication", "true", "VisibilityTimeout", "0"));

    SendMessageResult sent = sendFifo("q.fifo", "message-body-1", "group-1", "dedup-1");
    ReceivedMessage message = join(service.receiveMessage("q.fifo",
        new ReceiveMessageRequest(1, null, null, List.of("All"), null, null, null))).get(0);

    var recorded = AwsRecordings.sqs("test_fifo_message_attributes[sqs]", "receive_message_0")
        .path("Messages").get(0).path("Attributes");
    List<String> names = new ArrayList<>();
    recorded.fieldNames().forEachRemaining(names::add);
    assertThat(message.attributes().keySet()).containsExactlyInAnyOrderElementsOf(names);
    assertThat(message.attributes()).containsEntry("MessageGroupId", "group-1")
        .containsEntry("MessageDeduplicationId", "dedup-1")
        .containsEntry("SequenceNumber", sent.sequenceNumber());
    assertThat(sent.sequenceNumber()).matches("\\d{20,}");
  }

  @Test
  void fifo_sequence_numbers_rise_and_a_duplicate_answers_with_the_original_id() {
    createFifo("q.fifo", Map.of());

    SendMessageResult first = sendFifo("q.fifo", "m1", "g", "d1");
    SendMessageResult second = sendFifo("q.fifo", "m2", "g", "d2");
    SendMessageResult duplicate = sendFifo("q.fifo", "m1 again", "g", "d1");

    assertThat(new java.math.BigInteger(second.sequenceNumber()))
        .isGreaterThan(new java.math.BigInteger(first.sequenceNumber()));
    assertThat(second.sequenceNumber()).isGreaterThan(first.sequenceNumber());
    assertThat(duplicate.messageId()).isEqualTo(first.messageId());
    assertThat(duplicate.md5OfMessageBody()).isEqualTo(
        dev.sluice.core.queue.message.MessageDigests.md5OfBody("m1 again"));
    assertThat(receive("q.fifo", 10)).extracting(ReceivedMessage::body).containsExactly("m1", "m2");
  }

  @Test
  void content_based_deduplication_drops_a_second_identical_body() {
    createFifo("q.fifo", Map.of("ContentBasedDeduplication", "true"));

    SendMessageResult first = sendFifo("q.fifo", "{\"foo\": \"bar\"}", "group-1", null);
    SendMessageResult second = sendFifo("q.fifo", "{\"foo\": \"bar\"}", "group-2", null);

    assertThat(second.messageId()).isEqualTo(first.messageId());
    assertThat(receive("q.fifo", 10)).hasSize(1);
  }

  @Test
  void the_standard_queue_delay_applies_unless_the_message_has_its_own() {
    createStandard("q", Map.of("DelaySeconds", "5"));
    send("q", "queue delay");
    join(service.sendMessage("q", new SendMessageRequest("no delay", 0, null, null, null, null, null)));

    assertThat(receive("q", 10)).extracting(ReceivedMessage::body).containsExactly("no delay");
    time.advanceSeconds(5);
    assertThat(receive("q", 10)).extracting(ReceivedMessage::body).containsExactly("queue delay");
  }

  @Test
  void the_trace_header_travels_as_a_system_attribute_with_its_own_digest() {
    createStandard("q");
    var trace = Map.of("AWSTraceHeader", MessageAttributeValue.string(
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));

    SendMessageResult sent = join(service.sendMessage("q",
        new SendMessageRequest("test", null, null, trace, null, null, null)));
    ReceivedMessage message = join(service.receiveMessage("q",
        new ReceiveMessageRequest(1, null, null, List.of("AWSTraceHeader"), null, null, null))).get(0);

    assertThat(sent.md5OfMessageSystemAttributes()).isEqualTo("5ae4d5d7636402d80f4eb6d213245a88");
    assertThat(sent.md5OfMessageAttributes()).isNull();
    assertThat(message.attributes()).containsOnlyKeys("AWSTraceHeader");
  }

  @Test
  void deleting_takes_a_message_out_for_good_and_is_idempotent() {
    createStandard("q", Map.of("VisibilityTimeout", "1"));
    send("q", "m");
    String handle = receive("q", 1).get(0).receiptHandle();

    join(service.deleteMessage("q", handle));
    join(service.deleteMessage("q", handle));
    time.advanceSeconds(2);

    assertThat(receive("q", 1)).isEmpty();
  }

  @Test
  void a_fifo_handle_whose_visibility_timeout_ran_out_can_no_longer_delete() {
    createFifo("q.fifo", Map.of("VisibilityTimeout", "1"));
    sendFifo("q.fifo", "foobar", "g", "d");
    String handle = receive("q.fifo", 1).get(0).receiptHandle();
    time.advanceSeconds(2);

    var recorded = AwsRecordings.sqs("test_fifo_delete_after_visibility_timeout[sqs]",
        "delete_after_timeout_fifo");
    SqsException refused = refusal(service.deleteMessage("q.fifo", handle));

    assertThat(refused.error().queryCode()).isEqualTo(recorded.path("Error").path("Code").asText());
    assertThat(refused.getMessage()).isEqualTo(recorded.path("Error").path("Message").asText()
        .replace("<receipt-handle:1>", handle));
  }

  @Test
  void a_standard_handle_whose_visibility_timeout_ran_out_still_deletes() {
    createStandard("q", Map.of("VisibilityTimeout", "1"));
    send("q", "m");
    String handle = receive("q", 1).get(0).receiptHandle();
    time.advanceSeconds(2);

    join(service.deleteMessage("q", handle));

    assertThat(receive("q", 1)).isEmpty();
  }

  @Test
  void a_handle_that_is_not_a_receipt_handle_is_refused_with_aws_wording() {
    createStandard("q");

    SqsException refused = refusal(service.deleteMessage("q", "garbage"));

    assertThat(refused.error()).isEqualTo(SqsError.RECEIPT_HANDLE_IS_INVALID);
    assertThat(refused.getMessage())
        .isEqualTo("The input receipt handle \"garbage\" is not a valid receipt handle.");
    assertThat(refusal(service.changeMessageVisibility("q",
        new ChangeVisibilityRequest("INVALID", 60))).error())
        .isEqualTo(SqsError.RECEIPT_HANDLE_IS_INVALID);
  }

  @Test
  void changing_visibility_to_zero_makes_a_message_receivable_at_once() {
    createStandard("q");
    send("q", "m");
    String handle = receive("q", 1).get(0).receiptHandle();

    join(service.changeMessageVisibility("q", new ChangeVisibilityRequest(handle, 0)));

    assertThat(receive("q", 1)).hasSize(1);
  }

  @Test
  void changing_visibility_of_a_deleted_message_is_refused_as_aws_refuses_it() {
    createStandard("q");
    send("q", "foo");
    String handle = receive("q", 1).get(0).receiptHandle();
    join(service.changeMessageVisibility("q", new ChangeVisibilityRequest(handle, 42)));
    join(service.deleteMessage("q", handle));

    SqsException refused = refusal(
        service.changeMessageVisibility("q", new ChangeVisibilityRequest(handle, 42)));

    assertThat(refused.error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refused.getMessage()).isEqualTo("Value " + handle + " for parameter ReceiptHandle"
        + " is invalid. Reason: Message does not exist or is not available for visibility timeout"
        + " change.");
  }

  @Test
  void visibility_timeouts_beyond_twelve_hours_are_refused() {
    createStandard("q");
    send("q", "m");
    String handle = receive("q", 1).get(0).receiptHandle();

    SqsException refused = refusal(
        service.changeMessageVisibility("q", new ChangeVisibilityRequest(handle, 43_201)));

    assertThat(refused.getMessage()).isEqualTo("Value 43201 for parameter VisibilityTimeout is"
        + " invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200"
        + " seconds]");
    assertThat(refusal(service.changeMessageVisibility("q",
        new ChangeVisibilityRequest(handle, null))).error()).isEqualTo(SqsError.MISSING_PARAMETER);
  }

  @Test
  void a_send_batch_reports_each_entry_and_sends_the_valid_ones() {
    createStandard("q");
    List<BatchEntry<SendMessageRequest>> entries = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      entries.add(new BatchEntry<>(Integer.toString(i), SendMessageRequest.of(Integer.toString(i))));
    }
    entries.add(new BatchEntry<>("9", SendMessageRequest.of("\u0001")));

    BatchResult<SendMessageResult> result = join(service.sendMessageBatch("q", entries));

    assertThat(result.successful()).hasSize(9);
    assertThat(result.successful().get(3).id()).isEqualTo("3");
    assertThat(result.successful().get(3).result().md5OfMessageBody())
        .isEqualTo(dev.sluice.core.queue.message.MessageDigests.md5OfBody("3"));
    assertThat(result.failed()).singleElement().satisfies(failure -> {
      assertThat(failure.id()).isEqualTo("9");
      assertThat(failure.error()).isEqualTo(SqsError.INVALID_MESSAGE_CONTENTS);
      assertThat(failure.senderFault()).isTrue();
    });
    assertThat(receive("q", 10)).extracting(ReceivedMessage::body)
        .containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7", "8");
  }

  @Test
  void a_send_batch_checks_entries_against_the_queues_own_size_limit() {
    createStandard("q", Map.of("MaximumMessageSize", "1024"));
    var recorded = AwsRecordings.sqs("test_send_batch_message_size", "send-message-batch-result");

    BatchResult<SendMessageResult> result = join(service.sendMessageBatch("q", List.of(
        new BatchEntry<>("big", SendMessageRequest.of("a".repeat(1025))),
        new BatchEntry<>("small", SendMessageRequest.of("a")))));

    assertThat(result.successful()).extracting(BatchResult.Success::id).containsExactly("small");
    assertThat(result.failed()).singleElement().satisfies(failure -> {
      assertThat(failure.error().queryCode())
          .isEqualTo(recorded.path("Failed").get(0).path("Code").asText());
      assertThat(failure.message())
          .isEqualTo(recorded.path("Failed").get(0).path("Message").asText());
    });
  }

  @Test
  void whole_batches_are_refused_for_size_count_and_ids_as_aws_refuses_them() {
    createStandard("q");
    List<BatchEntry<SendMessageRequest>> twenty = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      twenty.add(new BatchEntry<>("message-" + i, SendMessageRequest.of("messageBody-" + i)));
    }
    var attributes = Map.of("k", MessageAttributeValue.string("x"));
    String body = "a".repeat(1_048_576 - 8);

    AwsRecordings.assertRefusedAsRecorded(AwsRecordings.sqs(
            "test_too_many_entries_in_batch_request[sqs]", "test_too_many_entries_in_batch_request"),
        () -> join(service.sendMessageBatch("q", twenty)));
    AwsRecordings.assertRefusedAsRecorded(AwsRecordings.sqs(
            "test_send_message_batch_with_oversized_contents[sqs]", "send_oversized_message_batch"),
        () -> join(service.sendMessageBatch("q", List.of(
            new BatchEntry<>("1", new SendMessageRequest(body, null, attributes, null, null, null, null)),
            new BatchEntry<>("2", SendMessageRequest.of("a"))))));
    AwsRecordings.assertRefusedAsRecorded(
        AwsRecordings.sqs("test_invalid_batch_id[sqs]", "test_invalid_batch_id"),
        () -> join(service.sendMessageBatch("q",
            List.of(new BatchEntry<>("message:1", SendMessageRequest.of("b"))))));
    assertThat(refusal(service.sendMessageBatch("q", List.of())).error())
        .isEqualTo(SqsError.EMPTY_BATCH_REQUEST);
    assertThat(refusal(service.sendMessageBatch("q", List.of(
        new BatchEntry<>("a", SendMessageRequest.of("1")),
        new BatchEntry<>("a", SendMessageRequest.of("2"))))).getMessage())
        .isEqualTo("Id a repeated.");
    assertThat(receive("q", 10)).isEmpty();
  }

  @Test
  void a_fifo_batch_missing_a_group_id_is_refused_whole() {
    createFifo("q.fifo", Map.of("ContentBasedDeduplication", "false"));

    AwsRecordings.assertRefusedAsRecorded(AwsRecordings.sqs(
            "test_send_batch_missing_message_group_id_for_fifo_queue[sqs]",
            "test_missing_message_group_id_for_fifo_queue"),
        () -> join(service.sendMessageBatch("q.fifo", List.of(
            new BatchEntry<>("a", new SendMessageRequest("b", null, null, null, "d1", "g", null)),
            new BatchEntry<>("b", new SendMessageRequest("b", null, null, null, "d2", null, null))))));
    assertThat(receive("q.fifo", 10)).isEmpty();
  }

  @Test
  void a_delete_batch_reports_each_entry_on_its_own() {
    createStandard("q");
    send("q", "m");
    String handle = receive("q", 1).get(0).receiptHandle();

    BatchResult<Void> result = join(service.deleteMessageBatch("q", List.of(
        new BatchEntry<>("good", handle), new BatchEntry<>("bad", "garbage"))));

    assertThat(result.successful()).extracting(BatchResult.Success::id).containsExactly("good");
    assertThat(result.failed()).singleElement().satisfies(failure -> {
      assertThat(failure.id()).isEqualTo("bad");
      assertThat(failure.error()).isEqualTo(SqsError.RECEIPT_HANDLE_IS_INVALID);
    });
  }

  @Test
  void delete_batches_refuse_malformed_ids_as_aws_does() {
    createStandard("q");
    for (String id : new String[] {"", "testLongId".repeat(10), "invalid:id"}) {
      String variant = "test_delete_message_batch_invalid_msg_id[sqs-" + id + "]";
      AwsRecordings.assertRefusedAsRecorded(AwsRecordings.sqs(variant, "error_response"),
          () -> join(service.deleteMessageBatch("q", List.of(new BatchEntry<>(id, "testHandle1")))));
    }
    assertThat(refusal(service.deleteMessageBatch("q", List.of())).getMessage())
        .isEqualTo("There should be at least one DeleteMessageBatchRequestEntry in the request.");
  }

  @Test
  void a_visibility_batch_changes_each_entry_and_reports_failures() {
    createStandard("q");
    send("q", "m1");
    send("q", "m2");
    List<ReceivedMessage> received = receive("q", 10);

    BatchResult<Void> result = join(service.changeMessageVisibilityBatch("q", List.of(
        new BatchEntry<>("a", new ChangeVisibilityRequest(received.get(0).receiptHandle(), 0)),
        new BatchEntry<>("b", new ChangeVisibilityRequest(received.get(1).receiptHandle(), 50_000)),
        new BatchEntry<>("c", new ChangeVisibilityRequest("garbage", 0)))));

    assertThat(result.successful()).extracting(BatchResult.Success::id).containsExactly("a");
    assertThat(result.failed()).extracting(BatchResult.Failure::id).containsExactly("b", "c");
    assertThat(receive("q", 10)).extracting(ReceivedMessage::body).containsExactly(received.get(0).body());
  }

  @Test
  void messages_past_max_receive_count_move_to_the_dead_letter_queue_with_their_source() {
    createStandard("dlq");
    createStandard("src", Map.of("VisibilityTimeout", "0", "RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + arn("dlq") + "\",\"maxReceiveCount\":1}"));
    SendMessageResult sent = send("src", "message-1");

    assertThat(receive("src", 1)).hasSize(1);
    assertThat(receive("src", 1)).isEmpty();

    ReceivedMessage dead = join(service.receiveMessage("dlq",
        new ReceiveMessageRequest(1, null, null, List.of("All"), null, null, null))).get(0);
    assertThat(dead.messageId()).isEqualTo(sent.messageId());
    assertThat(dead.attributes()).containsEntry("DeadLetterQueueSourceArn", arn("src"));
  }
}
