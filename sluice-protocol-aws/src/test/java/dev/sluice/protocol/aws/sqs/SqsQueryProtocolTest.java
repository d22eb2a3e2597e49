package dev.sluice.protocol.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsReference;
import dev.sluice.protocol.aws.AwsReference.RecordedError;
import dev.sluice.protocol.aws.Harness;
import dev.sluice.protocol.aws.Requests;
import dev.sluice.protocol.aws.Xml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SQS's AWS Query protocol: form and GET requests in, AWS's XML out. */
class SqsQueryProtocolTest {

  private static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

  private final Harness sqs = new Harness();

  @AfterEach
  void close() {
    sqs.close();
  }

  @Test
  void create_queue_answers_aws_xml_with_result_and_request_id() {
    AwsHttpResponse response = sqs.sqsQuery("CreateQueue", "QueueName=orders");

    Xml xml = Xml.parse(response);
    assertThat(response.headers()).containsEntry("Content-Type", "text/xml");
    assertThat(response.bodyText()).startsWith("<?xml version=\"1.0\"?><CreateQueueResponse");
    assertThat(xml.namespace()).isEqualTo(NAMESPACE);
    assertThat(xml.text("/CreateQueueResponse/CreateQueueResult/QueueUrl"))
        .isEqualTo(Harness.queueUrl("orders"));
    assertThat(xml.text("/CreateQueueResponse/ResponseMetadata/RequestId"))
        .isEqualTo(response.headers().get("x-amzn-RequestId"));
  }

  @Test
  void actions_without_a_result_answer_only_response_metadata() {
    sqs.createQueue("orders", null);

    Xml xml = sqs.sqsQueryOk("DeleteQueue", "QueueUrl=" + encode(Harness.queueUrl("orders")));

    assertThat(xml.rootName()).isEqualTo("DeleteQueueResponse");
    assertThat(xml.count("/DeleteQueueResponse/DeleteQueueResult")).isZero();
    assertThat(xml.count("/DeleteQueueResponse/ResponseMetadata/RequestId")).isEqualTo(1);
  }

  @Test
  void create_queue_reads_flattened_attributes_and_tags() {
    sqs.sqsQueryOk("CreateQueue", "QueueName=orders"
        + "&Attribute.1.Name=DelaySeconds&Attribute.1.Value=5"
        + "&Attribute.2.Name=VisibilityTimeout&Attribute.2.Value=60"
        + "&Tag.1.Key=team&Tag.1.Value=a");

    Xml attributes = sqs.sqsQueryOk("GetQueueAttributes", "QueueUrl="
        + encode(Harness.queueUrl("orders")) + "&AttributeName.1=DelaySeconds"
        + "&AttributeName.2=VisibilityTimeout");
    Xml tags = sqs.sqsQueryOk("ListQueueTags", "QueueUrl=" + encode(Harness.queueUrl("orders")));

    String result = "/GetQueueAttributesResponse/GetQueueAttributesResult/";
    assertThat(attributes.text(result + "Attribute[Name='DelaySeconds']/Value")).isEqualTo("5");
    assertThat(attributes.text(result + "Attribute[Name='VisibilityTimeout']/Value"))
        .isEqualTo("60");
    assertThat(tags.text("/ListQueueTagsResponse/ListQueueTagsResult/Tag[Key='team']/Value"))
        .isEqualTo("a");
  }

  @Test
  void a_message_round_trips_with_flattened_message_attributes() {
    String url = encode(sqs.createQueue("orders", null));
    String binary = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, (byte) 0xfe});

    Xml sent = sqs.sqsQueryOk("SendMessage", "QueueUrl=" + url
        + "&MessageBody=" + encode("line1\r\nline2 & <tag> \"q\"")
        + "&MessageAttribute.1.Name=n&MessageAttribute.1.Value.DataType=Number.java.lang.Long"
        + "&MessageAttribute.1.Value.StringValue=7"
        + "&MessageAttribute.2.Name=b&MessageAttribute.2.Value.DataType=Binary"
        + "&MessageAttribute.2.Value.BinaryValue=" + encode(binary));
    Xml received = sqs.sqsQueryOk("ReceiveMessage", "QueueUrl=" + url
        + "&AttributeName.1=All&MessageAttributeName.1=All");

    String message = "/ReceiveMessageResponse/ReceiveMessageResult/Message/";
    assertThat(received.text(message + "Body")).isEqualTo("line1\r\nline2 & <tag> \"q\"");
    assertThat(received.text(message + "MD5OfBody"))
        .isEqualTo(sent.text("/SendMessageResponse/SendMessageResult/MD5OfMessageBody"));
    assertThat(received.text(message + "MD5OfMessageAttributes"))
        .isEqualTo(sent.text("/SendMessageResponse/SendMessageResult/MD5OfMessageAttributes"));
    assertThat(received.text(message + "MessageAttribute[Name='n']/Value/DataType"))
        .isEqualTo("Number.java.lang.Long");
    assertThat(received.text(message + "MessageAttribute[Name='b']/Value/BinaryValue"))
        .isEqualTo(binary);
    assertThat(received.text(message + "Attribute[Name='SenderId']/Value"))
        .isEqualTo(Harness.ACCOUNT);
    assertThat(received.text(message + "Attribute[Name='ApproximateReceiveCount']/Value"))
        .isEqualTo("1");
  }

  @Test
  void a_carriage_return_in_a_body_is_escaped_so_xml_parsers_keep_it() {
    String url = encode(sqs.createQueue("orders", null));
    sqs.sqsQueryOk("SendMessage", "QueueUrl=" + url + "&MessageBody=" + encode("a\rb"));

    AwsHttpResponse response = sqs.sqsQuery("ReceiveMessage", "QueueUrl=" + url);

    assertThat(response.bodyText()).contains("<Body>a&#xD;b</Body>");
  }

  @Test
  void an_empty_receive_answers_an_empty_result_element() {
    String url = encode(sqs.createQueue("orders", null));

    Xml xml = sqs.sqsQueryOk("ReceiveMessage", "QueueUrl=" + url);

    assertThat(xml.count("/ReceiveMessageResponse/ReceiveMessageResult")).isEqualTo(1);
    assertThat(xml.count("/ReceiveMessageResponse/ReceiveMessageResult/Message")).isZero();
  }

  @Test
  void a_request_posted_to_the_queue_path_needs_no_queue_url() {
    sqs.createQueue("orders", null);

    AwsHttpResponse sent = sqs.call(Requests.form("/000000000000/orders",
        "Action=SendMessage&Version=2012-11-05&MessageBody=by+path"));
    Xml received = Xml.parse(sqs.call(Requests.form("/000000000000/orders",
        "Action=ReceiveMessage&Version=2012-11-05")));

    assertThat(sent.status()).isEqualTo(200);
    assertThat(received.text("//Message/Body")).isEqualTo("by path");
  }

  @Test
  void a_get_with_a_query_string_works_like_a_form_post() {
    sqs.createQueue("orders", null);

    Xml xml = Xml.parse(sqs.call(Requests.get("/",
        "Action=GetQueueUrl&Version=2012-11-05&QueueName=orders")));

    assertThat(xml.text("/GetQueueUrlResponse/GetQueueUrlResult/QueueUrl"))
        .isEqualTo(Harness.queueUrl("orders"));
  }

  @Test
  void list_queues_writes_one_queue_url_element_per_queue() {
    sqs.createQueue("a", null);
    sqs.createQueue("b", null);

    Xml xml = sqs.sqsQueryOk("ListQueues", "");

    assertThat(xml.texts("/ListQueuesResponse/ListQueuesResult/QueueUrl"))
        .containsExactlyInAnyOrder(Harness.queueUrl("a"), Harness.queueUrl("b"));
  }

  @Test
  void batches_read_numbered_entries_and_answer_flattened_result_entries() {
    String url = encode(sqs.createQueue("orders", "{\"MaximumMessageSize\":\"1024\"}"));

    Xml xml = sqs.sqsQueryOk("SendMessageBatch", "QueueUrl=" + url
        + "&SendMessageBatchRequestEntry.1.Id=ok&SendMessageBatchRequestEntry.1.MessageBody=x"
        + "&SendMessageBatchRequestEntry.2.Id=big&SendMessageBatchRequestEntry.2.MessageBody="
        + "y".repeat(1025)
        + "&SendMessageBatchRequestEntry.2.MessageAttribute.1.Name=a"
        + "&SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType=String"
        + "&SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue=v");

    String result = "/SendMessageBatchResponse/SendMessageBatchResult/";
    assertThat(xml.text(result + "SendMessageBatchResultEntry/Id")).isEqualTo("ok");
    assertThat(xml.text(result + "BatchResultErrorEntry/Id")).isEqualTo("big");
    assertThat(xml.text(result + "BatchResultErrorEntry/SenderFault")).isEqualTo("true");
    assertThat(xml.text(result + "BatchResultErrorEntry/Code")).isEqualTo("InvalidParameterValue");
  }

  @Test
  void an_unknown_queue_answers_the_recorded_wsdl_worded_error() {
    AwsHttpResponse response = sqs.sqsQuery("GetQueueAttributes",
        "QueueUrl=" + encode(Harness.queueUrl("nope")));

    assertRecorded(response,
        AwsReference.sqsError("test_non_existent_queue", "queue-does-not-exist-query"));
  }

  @Test
  void errors_answer_aws_error_response_xml() {
    String url = encode(sqs.createQueue("orders", null));

    AwsHttpResponse response =
        sqs.sqsQuery("ReceiveMessage", "QueueUrl=" + url + "&MaxNumberOfMessages=11");

    Xml xml = Xml.parse(response);
    assertThat(xml.rootName()).isEqualTo("ErrorResponse");
    assertThat(xml.namespace()).isEqualTo(NAMESPACE);
    assertThat(xml.count("/ErrorResponse/Error/Detail")).isEqualTo(1);
    assertThat(xml.text("/ErrorResponse/RequestId"))
        .isEqualTo(response.headers().get("x-amzn-RequestId"));
    assertRecorded(response, AwsReference.sqsError(
        "test_send_receive_max_number_of_messages[sqs_query]", "send_max_number_of_messages"));
  }

  @Test
  void a_missing_message_body_answers_the_recorded_missing_parameter() {
    String url = encode(sqs.createQueue("orders", null));

    assertRecorded(sqs.sqsQuery("SendMessage", "QueueUrl=" + url),
        AwsReference.sqsError("test_send_empty_message[sqs_query]", "send_empty_message"));
  }

  @Test
  void an_invalid_batch_entry_id_answers_the_recorded_error() {
    String url = encode(sqs.createQueue("orders", null));

    AwsHttpResponse response = sqs.sqsQuery("SendMessageBatch", "QueueUrl=" + url
        + "&SendMessageBatchRequestEntry.1.Id=" + encode("bad:id")
        + "&SendMessageBatchRequestEntry.1.MessageBody=x");

    assertRecorded(response,
        AwsReference.sqsError("test_invalid_batch_id[sqs_query]", "test_invalid_batch_id"));
  }

  @Test
  void an_unknown_action_is_invalid_action() {
    AwsHttpResponse response = sqs.sqsQuery("FlyToTheMoon", "");

    Xml xml = Xml.parse(response);
    assertThat(response.status()).isEqualTo(400);
    assertThat(xml.text("/ErrorResponse/Error/Code")).isEqualTo("InvalidAction");
    assertThat(xml.text("/ErrorResponse/Error/Message"))
        .isEqualTo("The action FlyToTheMoon is not valid for this endpoint.");
  }

  @Test
  void a_request_to_a_queue_path_without_an_action_is_missing_action() {
    AwsHttpResponse response =
        sqs.call(Requests.form("/000000000000/orders", "Version=2012-11-05"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(Xml.parse(response).text("/ErrorResponse/Error/Code")).isEqualTo("MissingAction");
  }

  @Test
  void a_malformed_form_body_is_refused_and_the_server_still_answers() {
    AwsHttpResponse response = sqs.call(Requests.form("/000000000000/orders",
        "Action=CreateQueue&Version=2012-11-05&QueueName=%zz"));

    assertThat(response.status()).isBetween(400, 499);
    assertThat(Xml.parse(response).text("/ErrorResponse/Error/Code"))
        .isEqualTo("MalformedQueryString");
    assertThat(sqs.sqsQuery("ListQueues", "").status()).isEqualTo(200);
  }

  @Test
  void a_number_that_is_not_a_number_is_an_invalid_parameter_value() {
    String url = encode(sqs.createQueue("orders", null));

    AwsHttpResponse response =
        sqs.sqsQuery("ReceiveMessage", "QueueUrl=" + url + "&MaxNumberOfMessages=ten");

    assertThat(response.status()).isEqualTo(400);
    assertThat(Xml.parse(response).text("/ErrorResponse/Error/Code"))
        .isEqualTo("InvalidParameterValue");
  }

  // The element name the Query-era SDKs read (AWS SDK for Java v1 1.12.500's unmarshaller).
  @Test
  void move_tasks_are_listed_as_flattened_result_entry_elements() {
    sqs.createQueue("dlq", null);
    sqs.createQueue("source", "{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":"
        + "\\\"arn:aws:sqs:us-east-1:000000000000:dlq\\\",\\\"maxReceiveCount\\\":\\\"1\\\"}\"}");
    String dlqArn = encode("arn:aws:sqs:us-east-1:000000000000:dlq");

    Xml started = sqs.sqsQueryOk("StartMessageMoveTask", "SourceArn=" + dlqArn);
    Xml listed = sqs.sqsQueryOk("ListMessageMoveTasks", "SourceArn=" + dlqArn);

    assertThat(started.text("/StartMessageMoveTaskResponse/StartMessageMoveTaskResult/TaskHandle"))
        .isNotBlank();
    assertThat(listed.text("/ListMessageMoveTasksResponse/ListMessageMoveTasksResult/"
        + "ListMessageMoveTasksResultEntry/"
        + "SourceArn")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:dlq");
  }

  @Test
  void tag_queue_reads_tag_entries_named_as_aws_documents_and_as_sdk_v1_sends_them() {
    String url = encode(sqs.createQueue("tagged", null));

    sqs.sqsQueryOk("TagQueue", "QueueUrl=" + url + "&Tag.1.Key=team&Tag.1.Value=a");
    sqs.sqsQueryOk("TagQueue", "QueueUrl=" + url + "&Tags.1.Key=env&Tags.1.Value=test");

    Xml tags = sqs.sqsQueryOk("ListQueueTags", "QueueUrl=" + url);
    assertThat(tags.text("/ListQueueTagsResponse/ListQueueTagsResult/Tag[Key='team']/Value"))
        .isEqualTo("a");
    assertThat(tags.text("/ListQueueTagsResponse/ListQueueTagsResult/Tag[Key='env']/Value"))
        .isEqualTo("test");
  }

  @Test
  void permissions_read_flattened_account_ids_and_action_names() {
    String url = encode(sqs.createQueue("orders", null));

    sqs.sqsQueryOk("AddPermission", "QueueUrl=" + url + "&Label=p1"
        + "&AWSAccountId.1=111111111111&AWSAccountId.2=222222222222"
        + "&ActionName.1=SendMessage&ActionName.2=ReceiveMessage");
    Xml attributes = sqs.sqsQueryOk("GetQueueAttributes",
        "QueueUrl=" + url + "&AttributeName.1=Policy");

    assertThat(attributes.text("//Attribute[Name='Policy']/Value"))
        .contains("111111111111").contains("222222222222").contains("SQS:ReceiveMessage");
  }

  private static void assertRecorded(AwsHttpResponse response, RecordedError recorded) {
    Xml xml = Xml.parse(response);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(recorded.status());
    assertThat(xml.text("/ErrorResponse/Error/Type")).isEqualTo(recorded.type());
    assertThat(xml.text("/ErrorResponse/Error/Code")).isEqualTo(recorded.code());
    assertThat(xml.text("/ErrorResponse/Error/Message")).isEqualTo(recorded.message());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
