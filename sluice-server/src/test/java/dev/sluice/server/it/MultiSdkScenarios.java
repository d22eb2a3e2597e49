package dev.sluice.server.it;

import static dev.sluice.server.it.support.Names.isUuid;
import static dev.sluice.server.it.support.Names.md5Hex;
import static dev.sluice.server.it.support.Names.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.it.sdk.SqsCallFailed;
import dev.sluice.server.it.sdk.SqsTestClient;
import dev.sluice.server.it.sdk.SqsTestClient.Attribute;
import dev.sluice.server.it.sdk.SqsTestClient.BatchOutcome;
import dev.sluice.server.it.sdk.SqsTestClient.OutgoingMessage;
import dev.sluice.server.it.sdk.SqsTestClient.QueuePage;
import dev.sluice.server.it.sdk.SqsTestClient.ReceiveOptions;
import dev.sluice.server.it.sdk.SqsTestClient.ReceivedMessage;
import dev.sluice.server.it.sdk.SqsTestClient.SentMessage;
import dev.sluice.server.it.support.AwsRecordings;
import dev.sluice.server.it.support.Names;
import dev.sluice.server.it.support.TestServer;
import dev.sluice.server.it.support.WireError;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One SQS scenario suite, run through each real AWS SDK by a subclass (ElasticMQ's
 * MultiSdkTestSuite). Every scenario asserts what AWS does; where AWS's answer was recorded
 * (shared/aws-reference) the expectation is read from the recording. The SDKs check the MD5s of
 * bodies and attributes on every send and receive, so a wrong digest fails the scenario that
 * produced it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MultiSdkScenarios {

  static final String ACCOUNT = "000000000000";
  static final String SQS_RECORDINGS = "sqs-test_sqs.snapshot.json";
  static final ObjectMapper JSON = new ObjectMapper();

  TestServer server;
  SqsTestClient sqs;

  /** The client under test, pointed at {@code endpoint}. */
  abstract SqsTestClient connect(URI endpoint);

  @BeforeAll
  void startServer() {
    server = TestServer.start();
    sqs = connect(server.endpoint());
  }

  @AfterAll
  void stopServer() {
    if (sqs != null) {
      sqs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  // ---- queues -------------------------------------------------------------------------------

  @Test
  void a_queue_is_created_found_listed_and_deleted() {
    String name = unique("orders");

    String url = sqs.createQueue(name);

    assertThat(url).isEqualTo(server.endpoint() + "/" + ACCOUNT + "/" + name);
    assertThat(sqs.getQueueUrl(name)).isEqualTo(url);
    assertThat(sqs.createQueue(name)).as("creating it again with the same attributes")
        .isEqualTo(url);
    assertThat(sqs.listQueues(name, null, null).queueUrls()).containsExactly(url);

    sqs.deleteQueue(url);

    assertRecordedError(() -> sqs.getQueueUrl(name), recordedNonExistentQueue());
    assertThat(sqs.listQueues(name, null, null).queueUrls()).isEmpty();
  }

  @Test
  void list_queues_pages_through_a_prefix_with_next_tokens() {
    String prefix = unique("paged");
    Set<String> created = IntStream.range(0, 5)
        .mapToObj(i -> sqs.createQueue(prefix + "-" + i))
        .collect(Collectors.toSet());
    sqs.createQueue(unique("other"));

    QueuePage first = sqs.listQueues(prefix, 2, null);
    assertThat(first.queueUrls()).hasSize(2);
    assertThat(first.nextToken()).isNotBlank();

    List<String> all = new ArrayList<>(first.queueUrls());
    String token = first.nextToken();
    int pages = 1;
    while (token != null) {
      QueuePage page = sqs.listQueues(prefix, 2, token);
      assertThat(page.queueUrls()).hasSizeLessThanOrEqualTo(2);
      all.addAll(page.queueUrls());
      token = page.nextToken();
      assertThat(++pages).as("pages").isLessThanOrEqualTo(3);
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(created);

    QueuePage unpaged = sqs.listQueues(prefix, null, null);
    assertThat(unpaged.queueUrls()).containsExactlyInAnyOrderElementsOf(created);
    assertThat(unpaged.nextToken()).isNull();
  }

  @Test
  void get_queue_attributes_all_answers_what_aws_answers_before_and_after_an_update() {
    String name = unique("attrs");
    Map<String, String> initial = new LinkedHashMap<>();
    initial.put("VisibilityTimeout", "20");
    initial.put("MessageRetentionPeriod", "604800");
    initial.put("ReceiveMessageWaitTimeSeconds", "10");
    long before = System.currentTimeMillis() / 1000;
    String url = sqs.createQueue(name, initial);

    Map<String, String> attributes = sqs.getQueueAttributes(url, "All");
    assertMatchesRecording(attributes, recordedAttributes("get_queue_attributes"), name);
    assertThat(Long.parseLong(attributes.get("CreatedTimestamp")))
        .isBetween(before - 2, System.currentTimeMillis() / 1000 + 2);

    Map<String, String> update = new LinkedHashMap<>();
    update.put("DelaySeconds", "420");
    update.put("MaximumMessageSize", "2048");
    update.put("VisibilityTimeout", "69");
    sqs.setQueueAttributes(url, update);

    assertMatchesRecording(sqs.getQueueAttributes(url, "All"),
        recordedAttributes("get_updated_queue_attributes"), name);
    assertThat(sqs.getQueueAttributes(url, "VisibilityTimeout", "QueueArn"))
        .containsOnly(Map.entry("VisibilityTimeout", "69"),
            Map.entry("QueueArn", arn(name)));
  }

  // ---- messages -----------------------------------------------------------------------------

  @Test
  void message_attributes_of_every_type_come_back_verbatim() {
    String url = sqs.createQueue(unique("typed"));
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    attributes.put("text", Attribute.string("héllo wörld ✓ 😀"));
    attributes.put("count", Attribute.number("Number", "-12.5e3"));
    attributes.put("id", Attribute.number("Number.java.lang.Long", "9223372036854775807"));
    attributes.put("raw",
        Attribute.binary("Binary", new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff}));
    attributes.put("thumb",
        Attribute.binary("Binary.gif", new byte[] {'G', 'I', 'F', '8', '9', 'a'}));
    attributes.put("trace",
        new Attribute("String.w3c-traceparent", "00-0af7651916cd43dd-01", null));
    String body = "메시지 내용 with 😀 and \t tabs\n";

    SentMessage sent = sqs.sendMessage(url, OutgoingMessage.of(body).withAttributes(attributes));

    assertThat(isUuid(sent.messageId())).as("message id %s is a UUID", sent.messageId()).isTrue();
    assertThat(sent.md5OfBody()).isEqualTo(md5Hex(body));
    assertThat(sent.md5OfMessageAttributes()).isNotBlank();
    ReceivedMessage received = receiveOne(url, ReceiveOptions.all());
    assertThat(received.messageId()).isEqualTo(sent.messageId());
    assertThat(received.body()).isEqualTo(body);
    assertThat(received.md5OfBody()).isEqualTo(md5Hex(body));
    assertThat(received.messageAttributes()).isEqualTo(attributes);
    assertThat(received.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
  }

  @Test
  void message_attribute_names_filter_what_comes_back_with_aws_digests() {
    String url = sqs.createQueue(unique("filtered"), Map.of("VisibilityTimeout", "0"));
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    attributes.put("Help.Me", Attribute.string("Me"));
    attributes.put("Hello", Attribute.string("There"));
    attributes.put("General", Attribute.string("Kenobi"));
    String filters = "test_receive_message_message_attribute_names_filters[sqs]";

    SentMessage sent = sqs.sendMessage(url, OutgoingMessage.of("msg").withAttributes(attributes));

    assertThat(sent.md5OfMessageAttributes()).isEqualTo(AwsRecordings
        .response(SQS_RECORDINGS, filters, "send_message_response")
        .path("MD5OfMessageAttributes").asText());
    Map<String, List<String>> cases = new LinkedHashMap<>();
    cases.put("all_wildcard", List.of(".*"));
    cases.put("only_non_existing_names", List.of("Foo", "Help"));
    cases.put("only_existing", List.of("Hello", "General"));
    cases.put("existing_and_non_existing", List.of("Foo", "Hello"));
    cases.put("prefix_filter", List.of("Hel.*"));
    cases.forEach((recordingKey, names) -> {
      JsonNode expected = AwsRecordings.response(SQS_RECORDINGS, filters, recordingKey);
      ReceivedMessage received = receiveOne(url, ReceiveOptions.all().messageAttributes(names));
      assertThat(received.messageAttributes().keySet()).as("attributes for %s", names)
          .containsExactlyInAnyOrderElementsOf(fieldNames(expected.path("MessageAttributes")));
      assertThat(received.md5OfMessageAttributes()).as("digest for %s", names)
          .isEqualTo(expected.path("MD5OfMessageAttributes").asText(null));
    });
  }

  @Test
  void receive_with_attribute_names_all_returns_every_system_attribute() {
    String url = sqs.createQueue(unique("system"));
    long before = System.currentTimeMillis();
    sqs.sendMessage(url, "msg");

    ReceivedMessage received = receiveOne(url, ReceiveOptions.all());

    JsonNode recorded = AwsRecordings.response(SQS_RECORDINGS,
        "test_receive_message_attribute_names_filters[sqs]", "all_attributes")
        .path("Messages").get(0).path("Attributes");
    assertThat(received.attributes().keySet())
        .containsExactlyInAnyOrderElementsOf(fieldNames(recorded));
    assertThat(received.attributes()).containsEntry("ApproximateReceiveCount", "1");
    assertThat(received.attributes().get("SenderId")).isNotBlank();
    long after = System.currentTimeMillis();
    assertThat(Long.parseLong(received.attributes().get("SentTimestamp")))
        .isBetween(before - 1000, after + 1000);
    assertThat(Long.parseLong(received.attributes().get("ApproximateFirstReceiveTimestamp")))
        .isBetween(before - 1000, after + 1000);
  }

  @Test
  void a_received_message_is_invisible_until_its_visibility_timeout_ends() {
    String url = sqs.createQueue(unique("visibility"));
    sqs.sendMessage(url, "once more");

    ReceivedMessage first = receiveOne(url, ReceiveOptions.all().visibility(1));

    assertThat(receive(url, ReceiveOptions.all())).as("while in flight").isEmpty();
    assertThat(sqs.getQueueAttributes(url, "ApproximateNumberOfMessagesNotVisible"))
        .containsEntry("ApproximateNumberOfMessagesNotVisible", "1");
    List<ReceivedMessage> again = new ArrayList<>();
    await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
        .until(() -> again.addAll(receive(url, ReceiveOptions.all().visibility(30))));
    assertThat(again).singleElement().satisfies(m -> {
      assertThat(m.messageId()).isEqualTo(first.messageId());
      assertThat(m.receiptHandle()).isNotEqualTo(first.receiptHandle());
      assertThat(m.attributes()).containsEntry("ApproximateReceiveCount", "2");
    });
  }

  @Test
  void changing_visibility_to_zero_makes_a_message_receivable_at_once() {
    String url = sqs.createQueue(unique("change-visibility"));
    sqs.sendMessage(url, "hold me");
    ReceivedMessage first = receiveOne(url, ReceiveOptions.all().visibility(60));
    assertThat(receive(url, ReceiveOptions.all())).isEmpty();

    sqs.changeMessageVisibility(url, first.receiptHandle(), 0);

    ReceivedMessage again = receiveOne(url, ReceiveOptions.all().visibility(60));
    assertThat(again.messageId()).isEqualTo(first.messageId());
  }

  @Test
  void a_deleted_message_is_never_received_again() {
    String url = sqs.createQueue(unique("delete"), Map.of("VisibilityTimeout", "1"));
    sqs.sendMessage(url, "keep");
    sqs.sendMessage(url, "drop");
    List<ReceivedMessage> both = receiveAtLeast(url, 2, ReceiveOptions.all().visibility(60));
    ReceivedMessage drop = both.stream().filter(m -> m.body().equals("drop")).findFirst()
        .orElseThrow();
    ReceivedMessage keep = both.stream().filter(m -> m.body().equals("keep")).findFirst()
        .orElseThrow();

    sqs.deleteMessage(url, drop.receiptHandle());
    sqs.changeMessageVisibility(url, keep.receiptHandle(), 0);

    assertThat(receiveAtLeast(url, 1, ReceiveOptions.all()))
        .extracting(ReceivedMessage::body).containsExactly("keep");
    assertThat(sqs.getQueueAttributes(url, "ApproximateNumberOfMessages"))
        .containsEntry("ApproximateNumberOfMessages", "0");
  }

  @Test
  void batches_succeed_entry_by_entry_and_report_the_failures() {
    String url = sqs.createQueue(unique("batch"));
    Map<String, OutgoingMessage> entries = new LinkedHashMap<>();
    for (int i = 0; i < 9; i++) {
      entries.put("m" + i, OutgoingMessage.of("body-" + i));
    }
    entries.put("bad", OutgoingMessage.of("\u0001"));

    BatchOutcome sent = sqs.sendMessageBatch(url, entries);

    assertThat(sent.successful()).hasSize(9).doesNotContainKey("bad");
    assertThat(sent.successful().values()).allSatisfy(id -> assertThat(isUuid(id)).isTrue());
    assertThat(sent.failed()).containsOnlyKeys("bad");
    assertThat(sent.failed().get("bad").code()).isEqualTo("InvalidMessageContents");
    assertThat(sent.failed().get("bad").senderFault()).isTrue();

    List<ReceivedMessage> received = receiveAtLeast(url, 9, ReceiveOptions.all().visibility(60));
    assertThat(received).extracting(ReceivedMessage::messageId)
        .containsExactlyInAnyOrderElementsOf(sent.successful().values());

    Map<String, String> deletes = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      deletes.put("d" + i, received.get(i).receiptHandle());
    }
    deletes.put("bogus", "not-a-receipt-handle");
    BatchOutcome deleted = sqs.deleteMessageBatch(url, deletes);
    assertThat(deleted.successful()).containsOnlyKeys("d0", "d1", "d2");
    assertThat(deleted.failed()).containsOnlyKeys("bogus");
    assertThat(deleted.failed().get("bogus").code()).isEqualTo("ReceiptHandleIsInvalid");

    Map<String, String> changes = new LinkedHashMap<>();
    changes.put("c0", received.get(3).receiptHandle());
    changes.put("c1", received.get(4).receiptHandle());
    changes.put("bogus", "not-a-receipt-handle");
    BatchOutcome changed = sqs.changeMessageVisibilityBatch(url, changes, 0);
    assertThat(changed.successful()).containsOnlyKeys("c0", "c1");
    assertThat(changed.failed()).containsOnlyKeys("bogus");
    assertThat(changed.failed().get("bogus").code()).isEqualTo("ReceiptHandleIsInvalid");

    assertThat(receiveAtLeast(url, 2, ReceiveOptions.all()))
        .extracting(ReceivedMessage::messageId)
        .containsExactlyInAnyOrder(received.get(3).messageId(), received.get(4).messageId());
  }

  @Test
  void a_delayed_message_becomes_receivable_after_its_delay() {
    String url = sqs.createQueue(unique("delayed"));
    long sentAt = System.nanoTime();

    sqs.sendMessage(url, OutgoingMessage.of("later").withDelay(1));

    assertThat(receive(url, ReceiveOptions.all())).as("during the delay").isEmpty();
    assertThat(sqs.getQueueAttributes(url, "ApproximateNumberOfMessagesDelayed"))
        .containsEntry("ApproximateNumberOfMessagesDelayed", "1");
    List<ReceivedMessage> got = new ArrayList<>();
    await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
        .until(() -> got.addAll(receive(url, ReceiveOptions.all())));
    assertThat(got).extracting(ReceivedMessage::body).containsExactly("later");
    assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isGreaterThan(Duration.ofMillis(900));
  }

  @Test
  void a_queue_delay_applies_to_every_message_sent_without_one() {
    String url = sqs.createQueue(unique("queue-delay"), Map.of("DelaySeconds", "1"));

    sqs.sendMessage(url, "held");

    assertThat(receive(url, ReceiveOptions.all())).isEmpty();
    List<ReceivedMessage> got = new ArrayList<>();
    await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
        .until(() -> got.addAll(receive(url, ReceiveOptions.all())));
    assertThat(got).extracting(ReceivedMessage::body).containsExactly("held");
  }

  @Test
  void a_long_poll_is_answered_as_soon_as_a_message_is_sent() throws Exception {
    String url = sqs.createQueue(unique("long-poll"));
    long start = System.nanoTime();
    CompletableFuture<List<ReceivedMessage>> poll = CompletableFuture.supplyAsync(
        () -> sqs.receiveMessages(url, ReceiveOptions.all().waitSeconds(10)));
    // Give the poll time to reach the server and start waiting: the send must wake it up, not
    // merely be there when it arrives.
    Thread.sleep(700);
    assertThat(poll).as("the poll waits while the queue is empty").isNotDone();

    sqs.sendMessage(url, "wake up");

    List<ReceivedMessage> got = poll.get(5, TimeUnit.SECONDS);
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(got).extracting(ReceivedMessage::body).containsExactly("wake up");
    assertThat(waited).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void a_long_poll_on_an_empty_queue_answers_empty_after_its_wait_time() {
    String url = sqs.createQueue(unique("empty-poll"));
    long start = System.nanoTime();

    List<ReceivedMessage> got = sqs.receiveMessages(url, ReceiveOptions.all().waitSeconds(1));

    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertThat(got).isEmpty();
    assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
  }

  // ---- FIFO ---------------------------------------------------------------------------------

  @Test
  void fifo_delivers_each_group_in_order() {
    String url = sqs.createQueue(unique("ordered") + ".fifo", Map.of("FifoQueue", "true"));
    List<BigInteger> sequenceNumbers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      for (String group : List.of("g1", "g2")) {
        SentMessage sent = sqs.sendMessage(url, OutgoingMessage.of(group + "-" + i).inGroup(group)
            .withDeduplicationId(group + "-" + i));
        assertThat(isUuid(sent.messageId())).isTrue();
        sequenceNumbers.add(Names.sequenceNumber(sent.sequenceNumber()));
      }
    }
    assertThat(sequenceNumbers).isSorted().doesNotHaveDuplicates();

    List<String> bodies = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      List<ReceivedMessage> batch = receive(url, ReceiveOptions.all().visibility(30));
      batch.forEach(m -> {
        bodies.add(m.body());
        sqs.deleteMessage(url, m.receiptHandle());
      });
      return bodies.size() >= 10;
    });
    for (String group : List.of("g1", "g2")) {
      assertThat(bodies.stream().filter(b -> b.startsWith(group)).toList())
          .containsExactly(group + "-0", group + "-1", group + "-2", group + "-3", group + "-4");
    }
  }

  @Test
  void fifo_holds_back_a_group_while_one_of_its_messages_is_in_flight() {
    String url = sqs.createQueue(unique("blocked") + ".fifo",
        Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
    sqs.sendMessage(url, OutgoingMessage.of("a1").inGroup("a"));
    sqs.sendMessage(url, OutgoingMessage.of("a2").inGroup("a"));

    ReceivedMessage a1 = receiveOne(url, ReceiveOptions.all().max(1).visibility(60));
    assertThat(a1.body()).isEqualTo("a1");
    assertThat(receive(url, ReceiveOptions.all())).as("group a is in flight").isEmpty();

    sqs.sendMessage(url, OutgoingMessage.of("b1").inGroup("b"));
    assertThat(receiveAtLeast(url, 1, ReceiveOptions.all().visibility(60)))
        .extracting(ReceivedMessage::body).containsExactly("b1");

    sqs.deleteMessage(url, a1.receiptHandle());
    assertThat(receiveAtLeast(url, 1, ReceiveOptions.all().visibility(60)))
        .extracting(ReceivedMessage::body).containsExactly("a2");
  }

  @Test
  void fifo_receive_returns_the_fifo_system_attributes() {
    String url = sqs.createQueue(unique("fifo-attrs") + ".fifo", Map.of("FifoQueue", "true"));
    SentMessage sent = sqs.sendMessage(url,
        OutgoingMessage.of("message-body-1").inGroup("group-1").withDeduplicationId("dedup-1"));

    ReceivedMessage received = receiveOne(url, ReceiveOptions.all());

    JsonNode recorded = AwsRecordings.response(SQS_RECORDINGS,
        "test_fifo_message_attributes[sqs]", "receive_message_0")
        .path("Messages").get(0).path("Attributes");
    assertThat(received.attributes().keySet())
        .containsExactlyInAnyOrderElementsOf(fieldNames(recorded));
    assertThat(received.attributes())
        .containsEntry("MessageGroupId", "group-1")
        .containsEntry("MessageDeduplicationId", "dedup-1")
        .containsEntry("SequenceNumber", sent.sequenceNumber());
  }

  @Test
  void fifo_drops_a_duplicate_deduplication_id() {
    String url = sqs.createQueue(unique("dedup-id") + ".fifo", Map.of("FifoQueue", "true"));

    SentMessage first = sqs.sendMessage(url,
        OutgoingMessage.of("first").inGroup("g").withDeduplicationId("same"));
    SentMessage duplicate = sqs.sendMessage(url,
        OutgoingMessage.of("second, same id").inGroup("g").withDeduplicationId("same"));

    assertThat(duplicate.messageId()).isEqualTo(first.messageId());
    ReceivedMessage only = receiveOne(url, ReceiveOptions.all().visibility(60));
    assertThat(only.body()).isEqualTo("first");
    sqs.deleteMessage(url, only.receiptHandle());
    assertThat(receive(url, ReceiveOptions.all())).isEmpty();
  }

  @Test
  void fifo_with_content_based_deduplication_drops_a_repeated_body() {
    String url = sqs.createQueue(unique("dedup-body") + ".fifo",
        Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));

    SentMessage first = sqs.sendMessage(url, OutgoingMessage.of("same body").inGroup("g"));
    SentMessage duplicate = sqs.sendMessage(url, OutgoingMessage.of("same body").inGroup("g"));
    SentMessage other = sqs.sendMessage(url, OutgoingMessage.of("other body").inGroup("g"));

    assertThat(duplicate.messageId()).isEqualTo(first.messageId());
    assertThat(other.messageId()).isNotEqualTo(first.messageId());
    List<String> bodies = new ArrayList<>();
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      receive(url, ReceiveOptions.all()).forEach(m -> {
        bodies.add(m.body());
        sqs.deleteMessage(url, m.receiptHandle());
      });
      return bodies.size() >= 2;
    });
    assertThat(receive(url, ReceiveOptions.all())).isEmpty();
    assertThat(bodies).containsExactly("same body", "other body");
  }

  // ---- dead letters -------------------------------------------------------------------------

  @Test
  void a_message_received_too_often_moves_to_the_dead_letter_queue_and_a_move_task_brings_it_back()
      throws Exception {
    String dlqName = unique("dead");
    String dlqUrl = sqs.createQueue(dlqName);
    String sourceName = unique("source");
    String redrive = "{\"deadLetterTargetArn\":\"" + arn(dlqName) + "\",\"maxReceiveCount\":1}";
    String sourceUrl = sqs.createQueue(sourceName, Map.of("RedrivePolicy", redrive));
    JsonNode policy = JSON.readTree(
        sqs.getQueueAttributes(sourceUrl, "RedrivePolicy").get("RedrivePolicy"));
    assertThat(policy.path("deadLetterTargetArn").asText()).isEqualTo(arn(dlqName));
    assertThat(policy.path("maxReceiveCount").asInt()).isEqualTo(1);
    SentMessage sent = sqs.sendMessage(sourceUrl, OutgoingMessage.of("poison")
        .withAttributes(Map.of("MyAttribute", Attribute.string("foobar"))));

    ReceivedMessage first = receiveOne(sourceUrl, ReceiveOptions.all().visibility(60));
    sqs.changeMessageVisibility(sourceUrl, first.receiptHandle(), 0);

    assertThat(receive(sourceUrl, ReceiveOptions.all())).as("moved away on its second receive")
        .isEmpty();
    ReceivedMessage dead = receiveAtLeast(dlqUrl, 1, ReceiveOptions.all().visibility(60)).get(0);
    assertThat(dead.messageId()).isEqualTo(sent.messageId());
    assertThat(dead.body()).isEqualTo("poison");
    assertThat(dead.messageAttributes()).containsEntry("MyAttribute", Attribute.string("foobar"));
    assertThat(dead.attributes()).containsEntry("DeadLetterQueueSourceArn", arn(sourceName));
    assertThat(sqs.listDeadLetterSourceQueues(dlqUrl)).containsExactly(sourceUrl);

    sqs.changeMessageVisibility(dlqUrl, dead.receiptHandle(), 0);
    String taskHandle = sqs.startMessageMoveTask(arn(dlqName), null);

    assertThat(taskHandle).isNotBlank();
    List<ReceivedMessage> back = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
        .until(() -> back.addAll(receive(sourceUrl, ReceiveOptions.all())));
    assertThat(back).extracting(ReceivedMessage::body).containsExactly("poison");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(sqs.listMessageMoveTasks(arn(dlqName))).first().satisfies(task -> {
          assertThat(task.status()).isEqualTo("COMPLETED");
          assertThat(task.sourceArn()).isEqualTo(arn(dlqName));
          assertThat(task.messagesMoved()).isEqualTo(1);
          assertThat(task.taskHandle()).as("only running tasks show their handle").isNull();
        }));
    assertThat(receive(dlqUrl, ReceiveOptions.all())).isEmpty();
  }

  // ---- tags, purge, permissions ---------------------------------------------------------------

  @Test
  void tags_are_set_at_creation_added_replaced_and_removed() {
    String url = sqs.createQueue(unique("tagged"), Map.of(), Map.of("team", "payments"));
    assertThat(sqs.listQueueTags(url)).containsOnly(Map.entry("team", "payments"));

    sqs.tagQueue(url, Map.of("team", "billing", "env", "test"));
    assertThat(sqs.listQueueTags(url))
        .containsOnly(Map.entry("team", "billing"), Map.entry("env", "test"));

    sqs.untagQueue(url, List.of("team"));
    assertThat(sqs.listQueueTags(url)).containsOnly(Map.entry("env", "test"));
  }

  @Test
  void purge_removes_every_message() {
    String url = sqs.createQueue(unique("purged"));
    for (int i = 0; i < 3; i++) {
      sqs.sendMessage(url, "m" + i);
    }
    receiveOne(url, ReceiveOptions.all().max(1).visibility(60));

    sqs.purgeQueue(url);

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(sqs.getQueueAttributes(url, "All"))
            .containsEntry("ApproximateNumberOfMessages", "0")
            .containsEntry("ApproximateNumberOfMessagesNotVisible", "0"));
    assertThat(receive(url, ReceiveOptions.all())).isEmpty();
  }

  @Test
  void add_and_remove_permission_maintain_the_queue_policy() throws Exception {
    String name = unique("shared");
    String url = sqs.createQueue(name);
    String label = "crossaccountpermission";

    sqs.addPermission(url, label, List.of("111122223333"), List.of("ReceiveMessage"));

    JsonNode policy = JSON.readTree(sqs.getQueueAttributes(url, "Policy").get("Policy"));
    assertThat(policy.path("Version").asText()).isEqualTo("2008-10-17");
    JsonNode statement = policy.path("Statement").get(0);
    assertThat(statement.path("Sid").asText()).isEqualTo(label);
    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.path("Principal").path("AWS").asText())
        .isEqualTo("arn:aws:iam::111122223333:root");
    assertThat(statement.path("Action").asText()).isEqualTo("SQS:ReceiveMessage");
    assertThat(statement.path("Resource").asText()).isEqualTo(arn(name));
    List<WireError> recorded = AwsRecordings.errors(SQS_RECORDINGS,
        "test_sqs_permission_lifecycle[sqs]");
    assertRecordedError(() -> sqs.addPermission(url, label, List.of("111122223333"),
        List.of("SendMessage")), recorded.get(0));

    sqs.removePermission(url, label);

    assertThat(sqs.getQueueAttributes(url, "Policy")).doesNotContainKey("Policy");
    assertRecordedError(() -> sqs.removePermission(url, label + "2"), recorded.get(1));
  }

  // ---- helpers ------------------------------------------------------------------------------

  String arn(String queueName) {
    return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + queueName;
  }

  List<ReceivedMessage> receive(String url, ReceiveOptions options) {
    return sqs.receiveMessages(url, options);
  }

  /** Exactly one message is waiting (the SDK checked its digests); returns it. */
  ReceivedMessage receiveOne(String url, ReceiveOptions options) {
    List<ReceivedMessage> got = receiveAtLeast(url, 1, options);
    assertThat(got).hasSize(1);
    return got.get(0);
  }

  /**
   * Receives until at least {@code count} messages came back: like AWS, a short receive may
   * answer with fewer messages than are waiting.
   */
  List<ReceivedMessage> receiveAtLeast(String url, int count, ReceiveOptions options) {
    List<ReceivedMessage> got = new ArrayList<>();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          got.addAll(receive(url, options));
          return got.size() >= count;
        });
    return got;
  }

  /** Whether the client under test speaks the Query protocol (its errors differ in wording). */
  boolean speaksQuery() {
    return false;
  }

  WireError recordedNonExistentQueue() {
    return AwsRecordings.error(SQS_RECORDINGS, "test_non_existent_queue",
        speaksQuery() ? "queue-does-not-exist-query" : "queue-does-not-exist");
  }

  /** The call fails with the recorded status, code and message. */
  static SqsCallFailed assertRecordedError(ThrowingCallable call, WireError recorded) {
    SqsCallFailed failure = catchThrowableOfType(SqsCallFailed.class, call);
    assertThat(failure).as("expected %s", recorded).isNotNull();
    assertThat(failure.status()).as("status of %s", failure).isEqualTo(recorded.status());
    assertThat(failure.code()).as("code of %s", failure).isEqualTo(recorded.code());
    assertThat(failure.errorMessage()).as("message of %s", failure).isEqualTo(recorded.message());
    return failure;
  }

  private JsonNode recordedAttributes(String key) {
    return AwsRecordings.response(SQS_RECORDINGS,
        "test_create_and_update_queue_attributes[sqs]", key).path("Attributes");
  }

  /** Same names; same values except AWS's placeholders (timestamps, ARNs: checked apart). */
  private void assertMatchesRecording(Map<String, String> actual, JsonNode recorded, String name) {
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(fieldNames(recorded));
    for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String value = e.getValue().asText();
      if (value.equals("timestamp")) {
        assertThat(actual.get(e.getKey())).as(e.getKey()).matches("\\d{10}");
      } else if (value.startsWith("arn:")) {
        assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(arn(name));
      } else {
        assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(value);
      }
    }
  }

  static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
