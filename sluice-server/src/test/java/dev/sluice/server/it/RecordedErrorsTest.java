package dev.sluice.server.it;

import static dev.sluice.server.it.support.Names.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.it.support.AwsRecordings;
import dev.sluice.server.it.support.RawAws;
import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer;
import dev.sluice.server.it.support.WireError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Each refusal AWS was recorded giving (shared/aws-reference), provoked in both wire protocols
 * with hand-made requests, and compared field by field: HTTP status, error code, message and
 * fault type; for JSON also the {@code __type} shape and the {@code x-amzn-query-error} header the
 * SDKs read the code from. Every case then checks that the refused request changed nothing.
 */
@DisplayName("Refusals AWS was recorded giving, in both protocols")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordedErrorsTest {

  static final String SQS = "sqs-test_sqs.snapshot.json";
  static final String MOVE = "sqs-test_sqs_move_task.snapshot.json";
  static final int MAX_SIZE = 1048576;
  static final int ATTRIBUTE_SIZE = "k".length() + "String".length() + "x".length();
  static final ObjectMapper JSON = new ObjectMapper();

  TestServer server;
  SqsClient sqs;
  RawAws raw;

  @BeforeAll
  void startServer() {
    server = TestServer.start();
    sqs = SdkClients.sqsV2(server.endpoint());
    raw = new RawAws(server.endpoint());
  }

  @AfterAll
  void stopServer() {
    sqs.close();
    server.close();
  }

  /** A fresh queue per case, so a refusal's "changed nothing" check sees only its own request. */
  record Queue(String name, String url, String arn) {}

  /** One recorded refusal and the requests, JSON and Query, that provoke it. */
  record ErrorCase(
      String name,
      boolean fifo,
      BiConsumer<SqsClient, Queue> setup,
      String action,
      Function<Queue, ObjectNode> json,
      Function<Queue, Map<String, String>> query,
      WireError jsonRecorded,
      WireError queryRecorded) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ErrorCase> cases() {
    return Stream.of(
        new ErrorCase("a queue that does not exist", false, none(), "GetQueueUrl",
            q -> object().put("QueueName", q.name() + "-missing"),
            q -> params("Action", "GetQueueUrl", "QueueName", q.name() + "-missing"),
            error(SQS, "test_non_existent_queue", 0), error(SQS, "test_non_existent_queue", 2)),
        new ErrorCase("MaxNumberOfMessages 11", false, none(), "ReceiveMessage",
            q -> object().put("QueueUrl", q.url()).put("MaxNumberOfMessages", 11),
            q -> params("Action", "ReceiveMessage", "QueueUrl", q.url(),
                "MaxNumberOfMessages", "11"),
            error(SQS, "test_send_receive_max_number_of_messages[sqs]", 0),
            error(SQS, "test_send_receive_max_number_of_messages[sqs_query]", 0)),
        new ErrorCase("WaitTimeSeconds 21", false, none(), "ReceiveMessage",
            q -> object().put("QueueUrl", q.url()).put("WaitTimeSeconds", 21),
            q -> params("Action", "ReceiveMessage", "QueueUrl", q.url(), "WaitTimeSeconds", "21"),
            error(SQS, "test_send_receive_wait_time_seconds[sqs]", 0),
            error(SQS, "test_send_receive_wait_time_seconds[sqs_query]", 0)),
        new ErrorCase("an empty message body", false, none(), "SendMessage",
            q -> object().put("QueueUrl", q.url()).put("MessageBody", ""),
            q -> params("Action", "SendMessage", "QueueUrl", q.url(), "MessageBody", ""),
            error(SQS, "test_send_empty_message[sqs]", 0),
            error(SQS, "test_send_empty_message[sqs_query]", 0)),
        new ErrorCase("a message over the size limit", false, none(), "SendMessage",
            q -> withAttributeK(object().put("QueueUrl", q.url())
                .put("MessageBody", "a".repeat(MAX_SIZE - ATTRIBUTE_SIZE + 1))),
            q -> withQueryAttributeK(params("Action", "SendMessage", "QueueUrl", q.url(),
                "MessageBody", "a".repeat(MAX_SIZE - ATTRIBUTE_SIZE + 1))),
            error(SQS, "test_send_oversized_message[sqs]", 0),
            error(SQS, "test_send_oversized_message[sqs_query]", 0)),
        new ErrorCase("an empty string attribute", false, none(), "SendMessage",
            q -> {
              ObjectNode body = object().put("QueueUrl", q.url()).put("MessageBody", "x");
              body.putObject("MessageAttributes").putObject("ErrorDetails")
                  .put("DataType", "String").put("StringValue", "");
              return body;
            },
            q -> params("Action", "SendMessage", "QueueUrl", q.url(), "MessageBody", "x",
                "MessageAttribute.1.Name", "ErrorDetails",
                "MessageAttribute.1.Value.DataType", "String",
                "MessageAttribute.1.Value.StringValue", ""),
            error(SQS, "test_send_message_with_empty_string_attribute[sqs]", 0),
            error(SQS, "test_send_message_with_empty_string_attribute[sqs_query]", 0)),
        new ErrorCase("twenty batch entries", false, none(), "SendMessageBatch",
            q -> {
              ObjectNode body = object().put("QueueUrl", q.url());
              ArrayNode entries = body.putArray("Entries");
              for (int i = 0; i < 20; i++) {
                entries.addObject().put("Id", "m" + i).put("MessageBody", "x");
              }
              return body;
            },
            q -> {
              Map<String, String> p = params("Action", "SendMessageBatch", "QueueUrl", q.url());
              for (int i = 1; i <= 20; i++) {
                p.put("SendMessageBatchRequestEntry." + i + ".Id", "m" + i);
                p.put("SendMessageBatchRequestEntry." + i + ".MessageBody", "x");
              }
              return p;
            },
            error(SQS, "test_too_many_entries_in_batch_request[sqs]", 0),
            error(SQS, "test_too_many_entries_in_batch_request[sqs_query]", 0)),
        new ErrorCase("a batch entry id with a colon", false, none(), "DeleteMessageBatch",
            q -> {
              ObjectNode body = object().put("QueueUrl", q.url());
              body.putArray("Entries").addObject().put("Id", "invalid:id")
                  .put("ReceiptHandle", "handle");
              return body;
            },
            q -> params("Action", "DeleteMessageBatch", "QueueUrl", q.url(),
                "DeleteMessageBatchRequestEntry.1.Id", "invalid:id",
                "DeleteMessageBatchRequestEntry.1.ReceiptHandle", "handle"),
            error(SQS, "test_delete_message_batch_invalid_msg_id[sqs-invalid:id]", 0),
            error(SQS, "test_delete_message_batch_invalid_msg_id[sqs_query-invalid:id]", 0)),
        new ErrorCase("a batch over 1 MiB", false, none(), "SendMessageBatch",
            q -> {
              ObjectNode body = object().put("QueueUrl", q.url());
              ArrayNode entries = body.putArray("Entries");
              withAttributeK(entries.addObject().put("Id", "1")
                  .put("MessageBody", "a".repeat(MAX_SIZE - ATTRIBUTE_SIZE)));
              entries.addObject().put("Id", "2").put("MessageBody", "a");
              return body;
            },
            q -> params("Action", "SendMessageBatch", "QueueUrl", q.url(),
                "SendMessageBatchRequestEntry.1.Id", "1",
                "SendMessageBatchRequestEntry.1.MessageBody", "a".repeat(MAX_SIZE - ATTRIBUTE_SIZE),
                "SendMessageBatchRequestEntry.1.MessageAttribute.1.Name", "k",
                "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType", "String",
                "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue", "x",
                "SendMessageBatchRequestEntry.2.Id", "2",
                "SendMessageBatchRequestEntry.2.MessageBody", "a"),
            error(SQS, "test_send_message_batch_with_oversized_contents[sqs]", 0),
            error(SQS, "test_send_message_batch_with_oversized_contents[sqs_query]", 0)),
        new ErrorCase("FifoQueue set on a standard queue", false, none(), "SetQueueAttributes",
            q -> {
              ObjectNode body = object().put("QueueUrl", q.url());
              body.putObject("Attributes").put("FifoQueue", "true");
              return body;
            },
            q -> params("Action", "SetQueueAttributes", "QueueUrl", q.url(),
                "Attribute.1.Name", "FifoQueue", "Attribute.1.Value", "true"),
            error(SQS, "test_set_unsupported_attribute_standard[sqs]", 0),
            error(SQS, "test_set_unsupported_attribute_standard[sqs_query]", 0)),
        new ErrorCase("FifoQueue false on a FIFO queue", true, none(), "SetQueueAttributes",
            q -> {
              ObjectNode body = object().put("QueueUrl", q.url());
              body.putObject("Attributes").put("FifoQueue", "false");
              return body;
            },
            q -> params("Action", "SetQueueAttributes", "QueueUrl", q.url(),
                "Attribute.1.Name", "FifoQueue", "Attribute.1.Value", "false"),
            error(SQS, "test_set_unsupported_attribute_fifo[sqs]", 1),
            error(SQS, "test_set_unsupported_attribute_fifo[sqs_query]", 1)),
        new ErrorCase("a queue created again with other attributes", false,
            (client, q) -> client.setQueueAttributes(r -> r.queueUrl(q.url())
                .attributesWithStrings(Map.of("DelaySeconds", "1"))),
            "CreateQueue",
            q -> {
              ObjectNode body = object().put("QueueName", q.name());
              body.putObject("Attributes").put("DelaySeconds", "2");
              return body;
            },
            q -> params("Action", "CreateQueue", "QueueName", q.name(),
                "Attribute.1.Name", "DelaySeconds", "Attribute.1.Value", "2"),
            error(SQS, "test_create_queue_with_different_attributes_raises_exception[sqs]", 0),
            error(SQS, "test_create_queue_with_different_attributes_raises_exception[sqs_query]",
                0)),
        new ErrorCase("a second purge within 60 seconds", false,
            (client, q) -> client.purgeQueue(r -> r.queueUrl(q.url())), "PurgeQueue",
            q -> object().put("QueueUrl", q.url()),
            q -> params("Action", "PurgeQueue", "QueueUrl", q.url()),
            error(SQS, "test_successive_purge_calls_fail[sqs]", 0),
            error(SQS, "test_successive_purge_calls_fail[sqs_query]", 0)),
        new ErrorCase("a permission label used twice", false,
            (client, q) -> client.addPermission(r -> r.queueUrl(q.url())
                .label("crossaccountpermission").awsAccountIds("111122223333")
                .actions("ReceiveMessage")),
            "AddPermission",
            q -> {
              ObjectNode body = object().put("QueueUrl", q.url())
                  .put("Label", "crossaccountpermission");
              body.putArray("AWSAccountIds").add("444455556666");
              body.putArray("Actions").add("ReceiveMessage");
              return body;
            },
            q -> params("Action", "AddPermission", "QueueUrl", q.url(),
                "Label", "crossaccountpermission", "AWSAccountId.1", "444455556666",
                "ActionName.1", "ReceiveMessage"),
            error(SQS, "test_sqs_permission_lifecycle[sqs]", 0),
            error(SQS, "test_sqs_permission_lifecycle[sqs_query]", 0)),
        new ErrorCase("a per-message delay on a FIFO queue", true, none(), "SendMessage",
            q -> object().put("QueueUrl", q.url()).put("MessageBody", "x")
                .put("MessageGroupId", "g").put("MessageDeduplicationId", "d")
                .put("DelaySeconds", 2),
            q -> params("Action", "SendMessage", "QueueUrl", q.url(), "MessageBody", "x",
                "MessageGroupId", "g", "MessageDeduplicationId", "d", "DelaySeconds", "2"),
            error(SQS, "test_fifo_queue_send_message_with_delay_seconds_fails[sqs]", 0),
            error(SQS, "test_fifo_queue_send_message_with_delay_seconds_fails[sqs_query]", 0)),
        new ErrorCase("a FIFO send without a group", true, none(), "SendMessage",
            q -> object().put("QueueUrl", q.url()).put("MessageBody", "x")
                .put("MessageDeduplicationId", "d"),
            q -> params("Action", "SendMessage", "QueueUrl", q.url(), "MessageBody", "x",
                "MessageDeduplicationId", "d"),
            error(SQS, "test_posting_to_fifo_requires_deduplicationid_group_id[sqs]", 1),
            error(SQS, "test_posting_to_fifo_requires_deduplicationid_group_id[sqs_query]", 1)),
        new ErrorCase("a FIFO send without a deduplication id", true, none(), "SendMessage",
            q -> object().put("QueueUrl", q.url()).put("MessageBody", "x")
                .put("MessageGroupId", "g"),
            q -> params("Action", "SendMessage", "QueueUrl", q.url(), "MessageBody", "x",
                "MessageGroupId", "g"),
            error(SQS, "test_posting_to_fifo_requires_deduplicationid_group_id[sqs]", 0),
            error(SQS, "test_posting_to_fifo_requires_deduplicationid_group_id[sqs_query]", 0)),
        new ErrorCase("a move task from a queue that is no dead-letter queue", false, none(),
            "StartMessageMoveTask",
            q -> object().put("SourceArn", q.arn()),
            q -> params("Action", "StartMessageMoveTask", "SourceArn", q.arn()),
            error(MOVE, "test_source_needs_redrive_policy", 0),
            error(MOVE, "test_source_needs_redrive_policy", 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void json_protocol_refuses_as_aws_was_recorded(ErrorCase c) {
    Queue queue = freshQueue(c);

    RawAws.Reply reply = raw.json(c.action(), c.json().apply(queue).toString());

    WireError expected = substitute(c.jsonRecorded(), queue);
    assertThat(WireError.fromJson(reply)).as("%s%n%s", c, reply).isEqualTo(expected);
    assertThat(reply.header("x-amzn-RequestId")).as("request id header").isNotBlank();
    assertUnchanged(queue);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void query_protocol_refuses_as_aws_was_recorded(ErrorCase c) {
    Queue queue = freshQueue(c);

    RawAws.Reply reply = raw.query(c.query().apply(queue));

    WireError expected = substitute(c.queryRecorded(), queue);
    WireError actual = WireError.fromXml(reply);
    assertThat(new WireError(actual.status(), actual.code(), actual.message(), actual.type(), null))
        .as("%s%n%s", c, reply)
        .isEqualTo(new WireError(expected.status(), expected.code(), expected.message(),
            expected.type(), null));
    assertThat(WireError.xmlText(reply.body(), "RequestId")).as("RequestId").isNotBlank();
    assertUnchanged(queue);
  }

  private Queue freshQueue(ErrorCase c) {
    String name = unique("refused") + (c.fifo() ? ".fifo" : "");
    String url = sqs.createQueue(r -> r.queueName(name)
        .attributesWithStrings(c.fifo() ? Map.of("FifoQueue", "true") : Map.of())).queueUrl();
    Queue queue = new Queue(name, url, "arn:aws:sqs:us-east-1:000000000000:" + name);
    c.setup().accept(sqs, queue);
    return queue;
  }

  /** Nothing was queued and the queue's attributes are as the set-up left them. */
  private void assertUnchanged(Queue queue) {
    Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue.url())
        .attributeNamesWithStrings("All")).attributesAsStrings();
    assertThat(attributes).containsEntry("ApproximateNumberOfMessages", "0")
        .containsEntry("ApproximateNumberOfMessagesDelayed", "0");
    assertThat(attributes.get("FifoQueue"))
        .isEqualTo(queue.name().endsWith(".fifo") ? "true" : null);
  }

  private static WireError substitute(WireError recorded, Queue queue) {
    return new WireError(recorded.status(), recorded.code(),
        recorded.message().replace("<queue-name>", queue.name()), recorded.type(),
        recorded.queryErrorCode());
  }

  private static WireError error(String file, String testCase, int index) {
    return AwsRecordings.errors(file, testCase).get(index);
  }

  private static BiConsumer<SqsClient, Queue> none() {
    return (client, queue) -> {};
  }

  private static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static ObjectNode withAttributeK(ObjectNode body) {
    body.putObject("MessageAttributes").putObject("k").put("DataType", "String")
        .put("StringValue", "x");
    return body;
  }

  private static Map<String, String> withQueryAttributeK(Map<String, String> params) {
    params.put("MessageAttribute.1.Name", "k");
    params.put("MessageAttribute.1.Value.DataType", "String");
    params.put("MessageAttribute.1.Value.StringValue", "x");
    return params;
  }

  private static Map<String, String> params(String... keysAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      params.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return params;
  }
}
