package dev.sluice.server.it;

import static dev.sluice.server.it.support.Names.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.it.support.RawAws;
import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer;
import dev.sluice.server.it.support.WireError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Bad input gets AWS's error (status, code, message) and changes nothing; nothing crashes. The
 * SQS errors AWS was not recorded giving are checked here against AWS's documented codes and
 * messages, through the SDK v2 where it will send the request and by hand where it will not;
 * broken requests of every kind follow, each time checking that the server still serves.
 */
@DisplayName("Bad input")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  static final ObjectMapper JSON = new ObjectMapper();

  TestServer server;
  SqsClient sqs;
  RawAws raw;
  String queueUrl;

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

  @AfterEach
  void serverStillServes() {
    RawAws.Reply health = raw.get("/_sluice/health");
    assertThat(health.status()).as("health after the bad input: %s", health).isEqualTo(200);
    String url = sqs.createQueue(r -> r.queueName(unique("still-alive"))).queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("still here"));
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages())
        .extracting(m -> m.body()).containsExactly("still here");
  }

  // ---- SQS errors not in the recordings ----------------------------------------------------

  @Test
  void an_unknown_attribute_name_is_refused_with_invalid_attribute_name() {
    String url = queue();

    assertSdkError(() -> sqs.getQueueAttributes(r -> r.queueUrl(url)
            .attributeNamesWithStrings("Bogus")),
        400, "InvalidAttributeName", "Unknown Attribute Bogus.");
    WireError query = WireError.fromXml(raw.query(Map.of("Action", "GetQueueAttributes",
        "QueueUrl", url, "AttributeName.1", "Bogus")));
    assertThat(query).isEqualTo(new WireError(400, "InvalidAttributeName",
        "Unknown Attribute Bogus.", "Sender", null));
  }

  @Test
  void an_attribute_value_out_of_range_is_refused_with_invalid_attribute_value() {
    String url = queue();

    assertSdkError(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
            .attributesWithStrings(Map.of("VisibilityTimeout", "43201"))),
        400, "InvalidAttributeValue", "Invalid value for the parameter VisibilityTimeout.");
    assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(
        "VisibilityTimeout")).attributesAsStrings()).containsEntry("VisibilityTimeout", "30");

    String name = unique("never-created");
    assertSdkError(() -> sqs.createQueue(r -> r.queueName(name)
            .attributesWithStrings(Map.of("DelaySeconds", "901"))),
        400, "InvalidAttributeValue", "Invalid value for the parameter DelaySeconds.");
    assertSdkError(() -> sqs.getQueueUrl(r -> r.queueName(name)),
        400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
  }

  @Test
  void a_body_with_characters_sqs_forbids_is_refused_with_invalid_message_contents() {
    String url = queue();

    AwsServiceException e = assertSdkError(
        () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("nul \u0000 here")),
        400, "InvalidMessageContents", null);

    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Invalid characters found.");
    WireError query = WireError.fromXml(raw.query(Map.of("Action", "SendMessage",
        "QueueUrl", url, "MessageBody", "bell \u0007 here")));
    assertThat(query.status()).isEqualTo(400);
    assertThat(query.code()).isEqualTo("InvalidMessageContents");
    assertQueueEmpty(url);
  }

  @Test
  void a_made_up_receipt_handle_is_refused_with_receipt_handle_is_invalid() {
    String url = queue();

    assertSdkError(() -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle("garbage")),
        400, "ReceiptHandleIsInvalid",
        "The input receipt handle \"garbage\" is not a valid receipt handle.");
    assertSdkError(() -> sqs.changeMessageVisibility(r -> r.queueUrl(url)
            .receiptHandle("garbage").visibilityTimeout(10)),
        400, "ReceiptHandleIsInvalid",
        "The input receipt handle \"garbage\" is not a valid receipt handle.");
  }

  @Test
  void a_visibility_change_of_a_fifo_message_not_in_flight_is_refused_with_message_not_inflight() {
    String url = sqs.createQueue(r -> r.queueName(unique("inflight") + ".fifo")
        .attributesWithStrings(Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true")))
        .queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("m").messageGroupId("g"));
    String handle = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(60)
        .waitTimeSeconds(1)).messages().get(0).receiptHandle();
    sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(handle).visibilityTimeout(0));

    assertSdkError(() -> sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(handle)
            .visibilityTimeout(30)),
        400, "AWS.SimpleQueueService.MessageNotInflight", null);
  }

  @Test
  void batch_entry_ids_that_repeat_are_refused_with_batch_entry_ids_not_distinct() {
    String url = queue();

    assertSdkError(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
            SendMessageBatchRequestEntry.builder().id("same").messageBody("a").build(),
            SendMessageBatchRequestEntry.builder().id("same").messageBody("b").build())),
        400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id same repeated.");
    assertQueueEmpty(url);
  }

  @Test
  void a_batch_without_entries_is_refused_with_empty_batch_request() {
    String url = queue();

    WireError json = WireError.fromJson(raw.json("SendMessageBatch",
        "{\"QueueUrl\":\"" + url + "\",\"Entries\":[]}"));
    WireError query = WireError.fromXml(raw.query(Map.of("Action", "DeleteMessageBatch",
        "QueueUrl", url)));

    assertThat(json.status()).isEqualTo(400);
    assertThat(json.code()).isEqualTo("AWS.SimpleQueueService.EmptyBatchRequest");
    assertThat(json.queryErrorCode()).isEqualTo("EmptyBatchRequest");
    assertThat(json.message()).isEqualTo(
        "There should be at least one SendMessageBatchRequestEntry in the request.");
    assertThat(query.status()).isEqualTo(400);
    assertThat(query.code()).isEqualTo("AWS.SimpleQueueService.EmptyBatchRequest");
    assertThat(query.message()).isEqualTo(
        "There should be at least one DeleteMessageBatchRequestEntry in the request.");
  }

  /**
   * The API models StringListValues and BinaryListValues, but SQS refuses them. The batch message
   * is AWS's as users reported it (shoryuken#769, lumigo-CLI#94).
   */
  @Test
  void message_attribute_list_values_are_refused_with_unsupported_operation() {
    String url = queue();
    Map<String, MessageAttributeValue> listValued = Map.of("tags", MessageAttributeValue.builder()
        .dataType("String").stringListValues("a", "b").build());

    assertSdkError(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
            SendMessageBatchRequestEntry.builder().id("1").messageBody("m")
                .messageAttributes(listValued).build())),
        400, "AWS.SimpleQueueService.UnsupportedOperation",
        "Message attribute list values in SendMessageBatch operation are not supported.");
    assertSdkError(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("m")
            .messageAttributes(listValued)),
        400, "AWS.SimpleQueueService.UnsupportedOperation", null);
    assertQueueEmpty(url);
  }

  @Test
  void a_missing_required_parameter_is_refused_with_missing_parameter() {
    String url = queue();

    WireError json = WireError.fromJson(raw.json("SendMessage", "{\"QueueUrl\":\"" + url + "\"}"));
    WireError query = WireError.fromXml(raw.query(Map.of("Action", "CreateQueue")));

    assertThat(json).isEqualTo(new WireError(400, "MissingParameter",
        "The request must contain the parameter MessageBody.", "Sender",
        "MissingRequiredParameterException"));
    assertThat(query).isEqualTo(new WireError(400, "MissingParameter",
        "The request must contain the parameter QueueName.", "Sender", null));
  }

  @Test
  void an_unknown_query_action_is_refused_with_invalid_action() {
    RawAws.Reply reply = raw.query(Map.of("Action", "MakeCoffee"));

    assertThat(WireError.fromXml(reply)).isEqualTo(new WireError(400, "InvalidAction",
        "The action MakeCoffee is not valid for this endpoint.", "Sender", null));
  }

  @Test
  void an_unknown_json_target_is_refused_as_an_unknown_operation() {
    RawAws.Reply reply = raw.json("MakeCoffee", "{}");

    assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    assertThat(WireError.fromJson(reply).queryErrorCode()).endsWith("UnknownOperationException");
  }

  // ---- broken requests ----------------------------------------------------------------------

  static Stream<Arguments> brokenRequests() {
    Map<String, String> json = Map.of("Content-Type", RawAws.SQS_JSON,
        "X-Amz-Target", "AmazonSQS.CreateQueue");
    Map<String, String> form = Map.of("Content-Type", RawAws.FORM);
    return Stream.of(
        Arguments.of("JSON cut off", json, "{\"QueueName\": "),
        Arguments.of("JSON that is not an object", json, "[1, 2, 3]"),
        Arguments.of("JSON with a number for a string", json, "{\"QueueName\": 5}"),
        Arguments.of("JSON with an object for a map value", json,
            "{\"QueueName\": \"q\", \"Attributes\": {\"DelaySeconds\": {\"a\": 1}}}"),
        Arguments.of("JSON with an invalid escape", json, "{\"QueueName\": \"\\xff\"}"),
        Arguments.of("an empty JSON body", json, ""),
        Arguments.of("a string for a number", Map.of("Content-Type", RawAws.SQS_JSON,
            "X-Amz-Target", "AmazonSQS.ReceiveMessage"),
            "{\"QueueUrl\": \"http://x/000000000000/q\", \"MaxNumberOfMessages\": \"ten\"}"),
        Arguments.of("a form with broken percent-encoding", form,
            "Action=CreateQueue&QueueName=%zz&Version=2012-11-05"),
        Arguments.of("a form without an action", form, "QueueName=q&Version=2012-11-05"),
        Arguments.of("a form with a number that is none", form,
            "Action=ReceiveMessage&QueueUrl=http%3A%2F%2Fx%2F000000000000%2Fq"
                + "&MaxNumberOfMessages=ten&Version=2012-11-05"),
        Arguments.of("an XML body", Map.of("Content-Type", "text/xml"),
            "<CreateQueue><QueueName>q</QueueName></CreateQueue>"),
        Arguments.of("XML that is not even well-formed", Map.of("Content-Type", "application/xml"),
            "<CreateQueue><QueueName>q</Queue"),
        Arguments.of("binary garbage", Map.of("Content-Type", "application/octet-stream"),
            "\u0000\u0001\u0002\u00ff\u00fe"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRequests")
  void a_broken_request_gets_a_client_error_and_changes_nothing(
      String what, Map<String, String> headers, String body) throws Exception {
    int queuesBefore = queueCount();

    RawAws.Reply reply = raw.post("/", headers, body);

    assertThat(reply.status()).as("%s -> %s", what, reply).isBetween(400, 499);
    assertThat(reply.body()).as("an error body").isNotBlank();
    String contentType = String.valueOf(reply.header("content-type"));
    if (contentType.contains("json")) {
      JsonNode error = JSON.readTree(reply.body());
      assertThat(error.path("__type").asText()).as("__type of %s", reply).isNotBlank();
    } else if (contentType.contains("xml")) {
      assertThat(WireError.fromXml(reply).code()).as("Code of %s", reply).isNotBlank();
    }
    assertThat(queueCount()).as("queues").isEqualTo(queuesBefore);
  }

  @Test
  void a_request_over_the_size_limit_is_refused_with_413() {
    byte[] body = new byte[9 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) 'a');

    RawAws.Reply reply = raw.post("/", Map.of("Content-Type", RawAws.FORM), body);

    assertThat(reply.status()).isEqualTo(413);
  }

  @Test
  void query_requests_may_come_as_get_with_a_query_string() {
    String url = queue();

    RawAws.Reply reply = raw.get("/?Action=GetQueueAttributes&Version=2012-11-05&QueueUrl="
        + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8)
        + "&AttributeName.1=VisibilityTimeout");

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.body()).contains("<Name>VisibilityTimeout</Name>", "<Value>30</Value>",
        "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private String queue() {
    return sqs.createQueue(r -> r.queueName(unique("bad-input"))).queueUrl();
  }

  private int queueCount() {
    return sqs.listQueues(r -> r.maxResults(1000)).queueUrls().size();
  }

  private void assertQueueEmpty(String url) {
    Map<String, String> counts = new LinkedHashMap<>(sqs.getQueueAttributes(r -> r.queueUrl(url)
        .attributeNamesWithStrings("ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesDelayed")).attributesAsStrings());
    assertThat(counts).containsOnly(Map.entry("ApproximateNumberOfMessages", "0"),
        Map.entry("ApproximateNumberOfMessagesDelayed", "0"));
  }

  /** The SDK call fails with this status, code and (unless null) message. */
  private static AwsServiceException assertSdkError(
      ThrowingCallable call, int status, String code, String message) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call);
    assertThat(e).as("expected %s", code).isNotNull();
    assertThat(e.statusCode()).as("status of %s", e).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode()).as("code of %s", e).isEqualTo(code);
    if (message != null) {
      assertThat(e.awsErrorDetails().errorMessage()).as("message of %s", e).isEqualTo(message);
    }
    return e;
  }
}
