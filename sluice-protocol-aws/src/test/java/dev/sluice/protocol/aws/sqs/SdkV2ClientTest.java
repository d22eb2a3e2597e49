package dev.sluice.protocol.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.protocol.aws.Harness;
import dev.sluice.protocol.aws.RouterHttpClient;
import dev.sluice.protocol.aws.auth.AwsCredentialsFile;
import dev.sluice.protocol.aws.auth.RequestAuthenticator;
import dev.sluice.core.time.ManualTimeSource;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The real AWS SDK for Java v2 (JSON protocol for SQS, Query for STS) against the router, over an
 * in-memory transport: its marshalling, signing, MD5 checks and error parsing all run.
 */
class SdkV2ClientTest {

  private Harness sluice = new Harness();
  private SqsClient sqs = sqsClient("AKIDTEST", "test-secret");

  @AfterEach
  void close() {
    sqs.close();
    sluice.close();
  }

  @Test
  void messages_round_trip_with_attributes_whose_md5s_the_sdk_verifies() {
    String url = sqs.createQueue(r -> r.queueName("orders")).queueUrl();

    sqs.sendMessage(r -> r.queueUrl(url).messageBody("메시지 내용").messageAttributes(Map.of(
        "s", MessageAttributeValue.builder().dataType("String").stringValue("v").build(),
        "n", MessageAttributeValue.builder().dataType("Number.java.lang.Long")
            .stringValue("42").build(),
        "b", MessageAttributeValue.builder().dataType("Binary")
            .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff})).build())));
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
        .messageAttributeNames("All")).messages();

    assertThat(messages).hasSize(1);
    Message message = messages.get(0);
    assertThat(message.body()).isEqualTo("메시지 내용");
    assertThat(message.messageAttributes().get("n").dataType()).isEqualTo("Number.java.lang.Long");
    assertThat(message.attributes()).containsEntry(MessageSystemAttributeName.SENDER_ID, "AKIDTEST");
    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
    assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
  }

  @Test
  void batches_report_partial_failures_to_the_sdk() {
    String url = sqs.createQueue(r -> r.queueName("orders")
        .attributes(Map.of(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "1024"))).queueUrl();

    SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
        SendMessageBatchRequestEntry.builder().id("ok").messageBody("small").build(),
        SendMessageBatchRequestEntry.builder().id("big").messageBody("x".repeat(1025)).build()));

    assertThat(response.successful()).extracting(e -> e.id()).containsExactly("ok");
    BatchResultErrorEntry failure = response.failed().get(0);
    assertThat(failure.id()).isEqualTo("big");
    assertThat(failure.senderFault()).isTrue();
    assertThat(failure.code()).isEqualTo("InvalidParameterValue");
  }

  @Test
  void a_missing_queue_is_the_sdks_typed_exception_with_the_query_error_code() {
    assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("nope")))
        .isInstanceOfSatisfying(QueueDoesNotExistException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode())
              .isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("The specified queue does not exist.");
        });
  }

  @Test
  void queue_attributes_and_tags_come_back_typed() {
    String url = sqs.createQueue(r -> r.queueName("orders").tags(Map.of("team", "a"))).queueUrl();

    Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
        r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();

    assertThat(attributes).containsEntry(QueueAttributeName.QUEUE_ARN,
        "arn:aws:sqs:us-east-1:000000000000:orders");
    assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsEntry("team", "a");
    assertThat(sqs.listQueues().queueUrls()).containsExactly(url);
  }

  @Test
  void with_verification_on_the_sdks_signed_requests_are_accepted_and_wrong_keys_refused() {
    restartWithCredentials();
    SqsClient wrongSecret = sqsClient("AKIDTEST", "not-the-secret");
    SqsClient unknownKey = sqsClient("AKIDNOBODY", "whatever");

    String url = sqs.createQueue(r -> r.queueName("signed")).queueUrl();

    assertThat(url).endsWith("/signed");
    assertThatThrownBy(() -> wrongSecret.listQueues())
        .isInstanceOfSatisfying(SqsException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        });
    assertThatThrownBy(() -> unknownKey.listQueues())
        .isInstanceOfSatisfying(SqsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
    wrongSecret.close();
    unknownKey.close();
  }

  @Test
  void sts_get_caller_identity_names_the_configured_account() {
    try (StsClient sts = StsClient.builder()
        .endpointOverride(URI.create(Harness.BASE_URL))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDTEST", "test-secret")))
        .httpClient(new RouterHttpClient(sluice.router))
        .build()) {

      GetCallerIdentityResponse identity = sts.getCallerIdentity();

      assertThat(identity.account()).isEqualTo(Harness.ACCOUNT);
      assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:root");
      assertThat(identity.userId()).isEqualTo("AKIDTEST");
    }
  }

  private void restartWithCredentials() {
    sqs.close();
    sluice.close();
    AwsCredentialsFile credentials = AwsCredentialsFile.parse(
        "[default]\naws_access_key_id=AKIDTEST\naws_secret_access_key=test-secret\n", "test");
    // The SDK signs with the real clock, so the server's clock must be near it.
    sluice = new Harness(new RequestAuthenticator(credentials,
        new ManualTimeSource(Instant.now().toEpochMilli())));
    sqs = sqsClient("AKIDTEST", "test-secret");
  }

  private SqsClient sqsClient(String accessKey, String secret) {
    return SqsClient.builder()
        .endpointOverride(URI.create(Harness.BASE_URL))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClient(new RouterHttpClient(sluice.router))
        .build();
  }
}
