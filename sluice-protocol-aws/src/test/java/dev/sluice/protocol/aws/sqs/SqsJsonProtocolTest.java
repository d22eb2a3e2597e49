package dev.sluice.protocol.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsReference;
import dev.sluice.protocol.aws.AwsReference.RecordedError;
import dev.sluice.protocol.aws.Harness;
import dev.sluice.protocol.aws.Requests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SQS's AWS JSON 1.0 protocol, driven with crafted requests against a real queue service. */
class SqsJsonProtocolTest {

  private final Harness sqs = new Harness();

  @AfterEach
  void close() {
    sqs.close();
  }

  @Test
  void create_queue_answers_a_url_on_the_host_the_client_addressed() {
    JsonNode created = sqs.sqsJsonOk("CreateQueue", "{\"QueueName\":\"orders\"}");

    assertThat(created.path("QueueUrl").asText()).isEqualTo("http://localhost:4566/000000000000/orders");
  }

  @Test
  void every_answer_is_json_with_a_request_id() {
    AwsHttpResponse response = sqs.sqsJson("ListQueues", "{}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("Content-Type", "application/x-amz-json-1.0");
    assertThat(response.headers().get("x-amzn-RequestId")).matches("[0-9a-f-]{36}");
  }

  @Test
  void a_message_round_trips_with_string_number_binary_and_custom_typed_attributes() {
    String url = sqs.createQueue("orders", null);
    String binary = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xff});

    JsonNode sent = sqs.sqsJsonOk("SendMessage", "{\"QueueUrl\":\"" + url + "\","
        + "\"MessageBody\":\"메시지 내용\","
        + "\"MessageAttributes\":{"
        + "\"s\":{\"DataType\":\"String\",\"StringValue\":\"text\"},"
        + "\"n\":{\"DataType\":\"Number.java.lang.Long\",\"StringValue\":\"42\"},"
        + "\"b\":{\"DataType\":\"Binary\",\"BinaryValue\":\"" + binary + "\"}}}");
    JsonNode received = sqs.sqsJsonOk("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\","
        + "\"AttributeNames\":[\"All\"],\"MessageAttributeNames\":[\"All\"]}");

    JsonNode message = received.path("Messages").get(0);
    assertThat(message.path("Body").asText()).isEqualTo("메시지 내용");
    assertThat(message.path("MessageId").asText()).isEqualTo(sent.path("MessageId").asText());
    assertThat(message.path("MD5OfBody").asText()).isEqualTo(sent.path("MD5OfMessageBody").asText());
    assertThat(message.path("MD5OfMessageAttributes").asText())
        .isEqualTo(sent.path("MD5OfMessageAttributes").asText());
    assertThat(message.path("MessageAttributes").path("n").path("DataType").asText())
        .isEqualTo("Number.java.lang.Long");
    assertThat(message.path("MessageAttributes").path("b").path("BinaryValue").asText())
        .isEqualTo(binary);
    assertThat(message.path("Attributes").path("SenderId").asText()).isEqualTo(Harness.ACCOUNT);
    assertThat(message.path("Attributes").has("SentTimestamp")).isTrue();
  }

  @Test
  void an_empty_receive_answers_an_empty_object_as_aws_does() {
    String url = sqs.createQueue("empty", null);

    JsonNode received = sqs.sqsJsonOk("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\"}");

    assertThat(received.size()).isZero();
  }

  @Test
  void a_queue_url_with_an_aws_host_addresses_the_same_queue() {
    sqs.createQueue("orders", null);
    String awsUrl = "https://sqs.us-east-1.amazonaws.com/000000000000/orders";

    sqs.sqsJsonOk("SendMessage", "{\"QueueUrl\":\"" + awsUrl + "\",\"MessageBody\":\"hi\"}");
    JsonNode attributes = sqs.sqsJsonOk("GetQueueAttributes", "{\"QueueUrl\":\"" + awsUrl
        + "\",\"AttributeNames\":[\"ApproximateNumberOfMessages\"]}");

    assertThat(attributes.path("Attributes").path("ApproximateNumberOfMessages").asText())
        .isEqualTo("1");
  }

  @Test
  void a_queue_url_of_another_account_is_a_queue_that_does_not_exist() {
    sqs.createQueue("orders", null);

    AwsHttpResponse response = sqs.sqsJson("GetQueueAttributes",
        "{\"QueueUrl\":\"http://localhost:4566/111111111111/orders\"}");

    assertRecorded(response, AwsReference.sqsError("test_non_existent_queue",
        "queue-does-not-exist-url"));
  }

  @Test
  void an_unknown_queue_answers_the_recorded_error() {
    AwsHttpResponse response = sqs.sqsJson("GetQueueUrl", "{\"QueueName\":\"nope\"}");

    assertRecorded(response,
        AwsReference.sqsError("test_non_existent_queue", "queue-does-not-exist"));
  }

  @Test
  void a_queue_url_that_is_not_a_url_is_an_invalid_address() {
    AwsHttpResponse response = sqs.sqsJson("GetQueueAttributes", "{\"QueueUrl\":\"orders\"}");

    assertThat(response.status()).isEqualTo(404);
    assertThat(Harness.json(response).path("__type").asText())
        .isEqualTo("com.amazonaws.sqs#InvalidAddress");
    assertThat(Harness.json(response).path("message").asText())
        .isEqualTo("The address orders is not valid for this endpoint.");
  }

  @Test
  void a_missing_message_body_answers_the_recorded_missing_parameter() {
    String url = sqs.createQueue("orders", null);

    AwsHttpResponse response = sqs.sqsJson("SendMessage", "{\"QueueUrl\":\"" + url + "\"}");

    assertRecorded(response,
        AwsReference.sqsError("test_send_empty_message[sqs]", "send_empty_message"));
  }

  @Test
  void too_many_messages_asked_for_answers_the_recorded_invalid_parameter_value() {
    String url = sqs.createQueue("orders", null);

    AwsHttpResponse response = sqs.sqsJson("ReceiveMessage",
        "{\"QueueUrl\":\"" + url + "\",\"MaxNumberOfMessages\":11}");

    assertRecorded(response, AwsReference.sqsError(
        "test_send_receive_max_number_of_messages[sqs]", "send_max_number_of_messages"));
  }

  @Test
  void twenty_batch_entries_answer_the_recorded_too_many_entries_error() {
    String url = sqs.createQueue("orders", null);
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      entries.append(i == 0 ? "" : ",").append("{\"Id\":\"m").append(i)
          .append("\",\"MessageBody\":\"b\"}");
    }

    AwsHttpResponse response = sqs.sqsJson("SendMessageBatch",
        "{\"QueueUrl\":\"" + url + "\",\"Entries\":[" + entries + "]}");

    assertRecorded(response, AwsReference.sqsError(
        "test_too_many_entries_in_batch_request[sqs]", "test_too_many_entries_in_batch_request"));
  }

  @Test
  void a_batch_reports_each_entry_on_its_own() {
    String url = sqs.createQueue("orders", "{\"MaximumMessageSize\":\"1024\"}");
    String big = "x".repeat(1025);

    JsonNode result = sqs.sqsJsonOk("SendMessageBatch", "{\"QueueUrl\":\"" + url + "\","
        + "\"Entries\":[{\"Id\":\"ok\",\"MessageBody\":\"small\"},"
        + "{\"Id\":\"big\",\"MessageBody\":\"" + big + "\"}]}");

    assertThat(result.path("Successful")).hasSize(1);
    assertThat(result.path("Successful").get(0).path("Id").asText()).isEqualTo("ok");
    assertThat(result.path("Successful").get(0).path("MD5OfMessageBody").asText())
        .isEqualTo(md5("small"));
    JsonNode failed = result.path("Failed").get(0);
    assertThat(failed.path("Id").asText()).isEqualTo("big");
    assertThat(failed.path("SenderFault").asBoolean()).isTrue();
    assertThat(failed.path("Code").asText()).isEqualTo("InvalidParameterValue");
  }

  @Test
  void successful_batches_leave_out_the_empty_failed_list() {
    String url = sqs.createQueue("orders", null);

    JsonNode result = sqs.sqsJsonOk("SendMessageBatch", "{\"QueueUrl\":\"" + url + "\","
        + "\"Entries\":[{\"Id\":\"a\",\"MessageBody\":\"1\"},{\"Id\":\"b\",\"MessageBody\":\"2\"}]}");

    assertThat(result.path("Successful")).hasSize(2);
    assertThat(result.has("Failed")).isFalse();
  }

  @Test
  void delete_and_change_visibility_batches_answer_per_entry() {
    String url = sqs.createQueue("orders", null);
    sqs.sqsJsonOk("SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"m\"}");
    String handle = sqs.sqsJsonOk("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\"}")
        .path("Messages").get(0).path("ReceiptHandle").asText();

    JsonNode changed = sqs.sqsJsonOk("ChangeMessageVisibilityBatch", "{\"QueueUrl\":\"" + url
        + "\",\"Entries\":[{\"Id\":\"c\",\"ReceiptHandle\":\"" + handle
        + "\",\"VisibilityTimeout\":60}]}");
    JsonNode deleted = sqs.sqsJsonOk("DeleteMessageBatch", "{\"QueueUrl\":\"" + url
        + "\",\"Entries\":[{\"Id\":\"d\",\"ReceiptHandle\":\"" + handle + "\"},"
        + "{\"Id\":\"bad\",\"ReceiptHandle\":\"garbage\"}]}");

    assertThat(changed.path("Successful").get(0).path("Id").asText()).isEqualTo("c");
    assertThat(deleted.path("Successful").get(0).path("Id").asText()).isEqualTo("d");
    assertThat(deleted.path("Failed").get(0).path("Id").asText()).isEqualTo("bad");
    assertThat(deleted.path("Failed").get(0).path("Code").asText())
        .isEqualTo("ReceiptHandleIsInvalid");
  }

  @Test
  void a_long_poll_is_answered_by_a_later_send() {
    String url = sqs.createQueue("orders", null);
    CompletableFuture<AwsHttpResponse> poll = sqs.send(Requests.json("AmazonSQS.ReceiveMessage",
        "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":20}"));
    assertThat(poll).isNotDone();

    sqs.sqsJsonOk("SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"late\"}");

    assertThat(poll).isCompleted();
    assertThat(Harness.json(poll.join()).path("Messages").get(0).path("Body").asText())
        .isEqualTo("late");
  }

  @Test
  void a_long_poll_ends_empty_at_its_deadline() {
    String url = sqs.createQueue("orders", null);
    CompletableFuture<AwsHttpResponse> poll = sqs.send(Requests.json("AmazonSQS.ReceiveMessage",
        "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":5}"));

    sqs.time.advance(Duration.ofSeconds(5));

    assertThat(poll).isCompleted();
    assertThat(poll.join().status()).isEqualTo(200);
    assertThat(Harness.json(poll.join()).has("Messages")).isFalse();
  }

  @Test
  void cancelling_a_long_poll_answer_stops_the_wait_in_the_queue_service() {
    String url = sqs.createQueue("orders", null);
    CompletableFuture<AwsHttpResponse> poll = sqs.send(Requests.json("AmazonSQS.ReceiveMessage",
        "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":20}"));
    assertThat(sqs.queues.waitingReceives()).isEqualTo(1);

    poll.cancel(false);

    assertThat(sqs.queues.waitingReceives()).isZero();
  }

  @Test
  void tags_and_attributes_round_trip_as_json_maps() {
    String url = sqs.createQueue("orders", null);

    sqs.sqsJsonOk("TagQueue", "{\"QueueUrl\":\"" + url + "\",\"Tags\":{\"team\":\"a\",\"x\":\"\"}}");
    sqs.sqsJsonOk("UntagQueue", "{\"QueueUrl\":\"" + url + "\",\"TagKeys\":[\"x\"]}");
    sqs.sqsJsonOk("SetQueueAttributes",
        "{\"QueueUrl\":\"" + url + "\",\"Attributes\":{\"DelaySeconds\":\"3\"}}");

    assertThat(sqs.sqsJsonOk("ListQueueTags", "{\"QueueUrl\":\"" + url + "\"}").path("Tags")
        .toString()).isEqualTo("{\"team\":\"a\"}");
    assertThat(sqs.sqsJsonOk("GetQueueAttributes", "{\"QueueUrl\":\"" + url
        + "\",\"AttributeNames\":[\"DelaySeconds\"]}").path("Attributes").toString())
        .isEqualTo("{\"DelaySeconds\":\"3\"}");
  }

  @Test
  void create_queue_takes_its_tags_from_the_lower_case_tags_member() {
    String url = sqs.sqsJsonOk("CreateQueue",
        "{\"QueueName\":\"tagged\",\"tags\":{\"team\":\"a\"}}").path("QueueUrl").asText();

    assertThat(sqs.sqsJsonOk("ListQueueTags", "{\"QueueUrl\":\"" + url + "\"}")
        .path("Tags").path("team").asText()).isEqualTo("a");
  }

  @Test
  void list_queues_pages_with_urls_and_a_next_token() {
    for (String name : new String[] {"q-a", "q-b", "q-c"}) {
      sqs.createQueue(name, null);
    }

    JsonNode first = sqs.sqsJsonOk("ListQueues", "{\"QueueNamePrefix\":\"q-\",\"MaxResults\":2}");
    JsonNode rest = sqs.sqsJsonOk("ListQueues", "{\"QueueNamePrefix\":\"q-\",\"MaxResults\":2,"
        + "\"NextToken\":\"" + first.path("NextToken").asText() + "\"}");

    assertThat(first.path("QueueUrls")).hasSize(2);
    assertThat(rest.path("QueueUrls").get(0).asText()).isEqualTo(Harness.queueUrl("q-c"));
    assertThat(rest.has("NextToken")).isFalse();
  }

  @Test
  void dead_letter_source_queues_are_listed_under_the_lower_case_member() {
    String dlq = sqs.createQueue("dlq", null);
    String arn = "arn:aws:sqs:us-east-1:000000000000:dlq";
    sqs.createQueue("source", "{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"" + arn
        + "\\\",\\\"maxReceiveCount\\\":\\\"2\\\"}\"}");

    JsonNode sources = sqs.sqsJsonOk("ListDeadLetterSourceQueues", "{\"QueueUrl\":\"" + dlq + "\"}");

    assertThat(sources.path("queueUrls").get(0).asText()).isEqualTo(Harness.queueUrl("source"));
  }

  @Test
  void purging_twice_answers_the_recorded_403() {
    String url = sqs.createQueue("orders", null);
    sqs.sqsJsonOk("PurgeQueue", "{\"QueueUrl\":\"" + url + "\"}");

    AwsHttpResponse response = sqs.sqsJson("PurgeQueue", "{\"QueueUrl\":\"" + url + "\"}");

    RecordedError recorded =
        AwsReference.sqsError("test_successive_purge_calls_fail[sqs]", "purge_queue_error");
    assertThat(response.status()).isEqualTo(recorded.status());
    assertThat(response.headers().get("x-amzn-query-error"))
        .isEqualTo(recorded.code() + ";" + recorded.type());
    assertThat(Harness.json(response).path("message").asText())
        .isEqualTo(recorded.message().replace("<queue-name>", "orders"));
  }

  @Test
  void permissions_and_move_tasks_reach_the_queue_service() {
    String url = sqs.createQueue("orders", null);
    sqs.sqsJsonOk("AddPermission", "{\"QueueUrl\":\"" + url + "\",\"Label\":\"p1\","
        + "\"AWSAccountIds\":[\"111111111111\"],\"Actions\":[\"SendMessage\"]}");
    String policy = sqs.sqsJsonOk("GetQueueAttributes", "{\"QueueUrl\":\"" + url
        + "\",\"AttributeNames\":[\"Policy\"]}").path("Attributes").path("Policy").asText();
    sqs.sqsJsonOk("RemovePermission", "{\"QueueUrl\":\"" + url + "\",\"Label\":\"p1\"}");

    AwsHttpResponse move = sqs.sqsJson("StartMessageMoveTask",
        "{\"SourceArn\":\"arn:aws:sqs:us-east-1:000000000000:orders\"}");

    assertThat(policy).contains("\"Sid\":\"p1\"").contains("SQS:SendMessage");
    assertThat(move.status()).isEqualTo(400);
    assertThat(Harness.json(move).path("message").asText())
        .isEqualTo("Source queue must be configured as a Dead Letter Queue.");
  }

  @Test
  void an_unknown_operation_is_refused_with_unknown_operation_exception() {
    AwsHttpResponse response = sqs.sqsJson("FlyToTheMoon", "{}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(Harness.json(response).path("__type").asText())
        .isEqualTo("com.amazon.coral.service#UnknownOperationException");
    assertThat(response.headers()).doesNotContainKey("x-amzn-query-error");
  }

  @Test
  void malformed_json_is_refused_with_serialization_exception_and_changes_nothing() {
    AwsHttpResponse response = sqs.sqsJson("CreateQueue", "{\"QueueName\": \"half");

    assertThat(response.status()).isEqualTo(400);
    assertThat(Harness.json(response).path("__type").asText())
        .isEqualTo("com.amazon.coral.service#SerializationException");
    assertThat(sqs.sqsJsonOk("ListQueues", "{}").has("QueueUrls")).isFalse();
  }

  @Test
  void a_number_sent_as_a_string_is_a_serialization_error() {
    String url = sqs.createQueue("orders", null);

    AwsHttpResponse response = sqs.sqsJson("ReceiveMessage",
        "{\"QueueUrl\":\"" + url + "\",\"MaxNumberOfMessages\":\"ten\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(Harness.json(response).path("__type").asText()).endsWith("#SerializationException");
  }

  @Test
  void bad_base64_in_a_binary_attribute_is_refused_and_sends_nothing() {
    String url = sqs.createQueue("orders", null);

    AwsHttpResponse response = sqs.sqsJson("SendMessage", "{\"QueueUrl\":\"" + url + "\","
        + "\"MessageBody\":\"b\",\"MessageAttributes\":{\"b\":{\"DataType\":\"Binary\","
        + "\"BinaryValue\":\"not base64!\"}}}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(sqs.sqsJsonOk("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\"}").size()).isZero();
  }

  @Test
  void a_missing_queue_url_is_a_missing_parameter() {
    AwsHttpResponse response = sqs.sqsJson("SendMessage", "{\"MessageBody\":\"b\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers().get("x-amzn-query-error")).isEqualTo("MissingParameter;Sender");
    assertThat(Harness.json(response).path("message").asText())
        .isEqualTo("The request must contain the parameter QueueUrl.");
  }

  @Test
  void json_posted_to_the_queue_path_addresses_that_queue() {
    sqs.createQueue("orders", null);
    var request = Requests.request("POST", "/000000000000/orders", "",
        "{\"MessageBody\":\"via path\"}", "host", Requests.HOST,
        "content-type", "application/x-amz-json-1.0", "x-amz-target", "AmazonSQS.SendMessage");

    assertThat(sqs.call(request).status()).isEqualTo(200);
  }

  private static void assertRecorded(AwsHttpResponse response, RecordedError recorded) {
    JsonNode body = Harness.json(response);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(recorded.status());
    assertThat(response.headers().get("x-amzn-query-error"))
        .isEqualTo(recorded.code() + ";" + recorded.type());
    assertThat(body.path("__type").asText()).isEqualTo("com.amazonaws.sqs#" + recorded.queryErrorCode());
    assertThat(body.path("message").asText()).isEqualTo(recorded.message());
  }

  private static String md5(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
