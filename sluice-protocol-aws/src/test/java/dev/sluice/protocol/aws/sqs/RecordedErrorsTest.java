package dev.sluice.protocol.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsReference;
import dev.sluice.protocol.aws.AwsReference.RecordedError;
import dev.sluice.protocol.aws.Harness;
import dev.sluice.protocol.aws.Xml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors provoked through both wire protocols and compared, field by field, with what real AWS
 * answered to the same request ({@code [sqs]} and {@code [sqs_query]} recordings).
 */
class RecordedErrorsTest {

  /** One provoked error: how to set up, what to send in each protocol, which recording. */
  record Case(String testCase, String recording, Consumer<Harness> setup, String action,
      String json, String query) {}

  private static final String URL = Harness.queueUrl("q");
  private static final String FIFO_URL = Harness.queueUrl("q.fifo");

  static Stream<Arguments> cases() {
    Consumer<Harness> queue = h -> h.createQueue("q", "{\"DelaySeconds\":\"1\"}");
    Consumer<Harness> fifo = h -> h.createQueue("q.fifo",
        "{\"FifoQueue\":\"true\",\"ContentBasedDeduplication\":\"true\"}");
    return Stream.of(
        new Case("test_send_receive_wait_time_seconds", "recieve_message_error_too_large", queue,
            "ReceiveMessage", "{\"QueueUrl\":\"" + URL + "\",\"WaitTimeSeconds\":21}",
            "QueueUrl=" + enc(URL) + "&WaitTimeSeconds=21"),
        new Case("test_send_receive_wait_time_seconds", "recieve_message_error_too_small", queue,
            "ReceiveMessage", "{\"QueueUrl\":\"" + URL + "\",\"WaitTimeSeconds\":-1}",
            "QueueUrl=" + enc(URL) + "&WaitTimeSeconds=-1"),
        new Case("test_send_receive_max_number_of_messages", "send_max_number_of_messages", queue,
            "ReceiveMessage", "{\"QueueUrl\":\"" + URL + "\",\"MaxNumberOfMessages\":11}",
            "QueueUrl=" + enc(URL) + "&MaxNumberOfMessages=11"),
        new Case("test_fifo_queue_send_message_with_delay_seconds_fails", "send_message", fifo,
            "SendMessage", "{\"QueueUrl\":\"" + FIFO_URL + "\",\"MessageBody\":\"x\","
                + "\"MessageGroupId\":\"g\",\"DelaySeconds\":2}",
            "QueueUrl=" + enc(FIFO_URL) + "&MessageBody=x&MessageGroupId=g&DelaySeconds=2"),
        new Case("test_create_queue_with_different_attributes_raises_exception",
            "create_queue_01", queue,
            "CreateQueue", "{\"QueueName\":\"q\",\"Attributes\":{\"DelaySeconds\":\"2\"}}",
            "QueueName=q&Attribute.1.Name=DelaySeconds&Attribute.1.Value=2"),
        new Case("test_set_unsupported_attribute_standard", "invalid-attr-name-1", queue,
            "SetQueueAttributes", "{\"QueueUrl\":\"" + URL
                + "\",\"Attributes\":{\"FifoQueue\":\"true\"}}",
            "QueueUrl=" + enc(URL) + "&Attribute.1.Name=FifoQueue&Attribute.1.Value=true"),
        new Case("test_create_standard_queue_with_fifo_attribute_raises_error",
            "invalid-attribute-deduplication-scope", h -> {},
            "CreateQueue", "{\"QueueName\":\"s\",\"Attributes\":{\"DeduplicationScope\":\"queue\"}}",
            "QueueName=s&Attribute.1.Name=DeduplicationScope&Attribute.1.Value=queue"),
        new Case("test_send_empty_message", "send_empty_message", queue,
            "SendMessage", "{\"QueueUrl\":\"" + URL + "\"}", "QueueUrl=" + enc(URL)),
        new Case("test_invalid_batch_id", "test_invalid_batch_id", queue,
            "SendMessageBatch", "{\"QueueUrl\":\"" + URL
                + "\",\"Entries\":[{\"Id\":\"a:b\",\"MessageBody\":\"x\"}]}",
            "QueueUrl=" + enc(URL) + "&SendMessageBatchRequestEntry.1.Id=a%3Ab"
                + "&SendMessageBatchRequestEntry.1.MessageBody=x"),
        new Case("test_too_many_entries_in_batch_request", "test_too_many_entries_in_batch_request",
            queue, "DeleteMessageBatch", null, null))
        .flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
  }

  @ParameterizedTest(name = "{0} query={1}")
  @MethodSource("cases")
  void the_error_is_the_one_aws_answered(Case c, boolean query) {
    try (Harness sluice = new Harness()) {
      c.setup().accept(sluice);
      RecordedError recorded =
          AwsReference.sqsError(c.testCase() + (query ? "[sqs_query]" : "[sqs]"), c.recording());

      AwsHttpResponse response = query
          ? sluice.sqsQuery(c.action(), c.query() != null ? c.query() : twentyEntriesQuery())
          : sluice.sqsJson(c.action(), c.json() != null ? c.json() : twentyEntriesJson());

      assertThat(response.status()).as(response.bodyText()).isEqualTo(recorded.status());
      if (query) {
        Xml xml = Xml.parse(response);
        assertThat(xml.text("/ErrorResponse/Error/Code")).isEqualTo(recorded.code());
        assertThat(xml.text("/ErrorResponse/Error/Message")).isEqualTo(recorded.message());
        assertThat(xml.text("/ErrorResponse/Error/Type")).isEqualTo(recorded.type());
      } else {
        JsonNode body = Harness.json(response);
        assertThat(response.headers().get("x-amzn-query-error"))
            .isEqualTo(recorded.code() + ";" + recorded.type());
        assertThat(body.path("__type").asText())
            .isEqualTo("com.amazonaws.sqs#" + recorded.queryErrorCode());
        assertThat(body.path("message").asText()).isEqualTo(recorded.message());
      }
    }
  }

  private static String twentyEntriesJson() {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      entries.append(i == 0 ? "" : ",")
          .append("{\"Id\":\"e").append(i).append("\",\"ReceiptHandle\":\"r\"}");
    }
    return "{\"QueueUrl\":\"" + URL + "\",\"Entries\":[" + entries + "]}";
  }

  private static String twentyEntriesQuery() {
    StringBuilder form = new StringBuilder("QueueUrl=" + enc(URL));
    for (int i = 1; i <= 20; i++) {
      form.append("&DeleteMessageBatchRequestEntry.").append(i).append(".Id=e").append(i)
          .append("&DeleteMessageBatchRequestEntry.").append(i).append(".ReceiptHandle=r");
    }
    return form.toString();
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
