package dev.sluice.protocol.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.MessageAttributeValue;
import com.amazonaws.services.sqs.model.QueueDoesNotExistException;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.protocol.aws.Harness;
import dev.sluice.protocol.aws.JdkHttpEndpoint;
import dev.sluice.protocol.aws.auth.AwsCredentialsFile;
import dev.sluice.protocol.aws.auth.RequestAuthenticator;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK for Java v1 over a real socket. Since 1.12.6xx it speaks SQS's JSON protocol (not
 * Query), signs its User-Agent header, and checks message MD5s.
 */
class SdkV1ClientTest {

  private static final AwsCredentialsFile CREDENTIALS = AwsCredentialsFile.parse(
      "[default]\naws_access_key_id=AKIDV1\naws_secret_access_key=v1-secret\n", "test");

  // Real signatures need the real clock on the server side.
  private final Harness sluice = new Harness(
      new RequestAuthenticator(CREDENTIALS, new ManualTimeSource(Instant.now().toEpochMilli())));
  private JdkHttpEndpoint endpoint;

  @AfterEach
  void close() {
    if (endpoint != null) {
      endpoint.close();
    }
    sluice.close();
  }

  @Test
  void a_signed_v1_client_sends_and_receives_with_verified_md5s() throws Exception {
    AmazonSQS sqs = client("v1-secret");
    String url = sqs.createQueue("orders").getQueueUrl();

    sqs.sendMessage(new SendMessageRequest(url, "hello v1").withMessageAttributes(Map.of(
        "n", new MessageAttributeValue().withDataType("Number.java.lang.Long").withStringValue("7"),
        "b", new MessageAttributeValue().withDataType("Binary")
            .withBinaryValue(ByteBuffer.wrap(new byte[] {9, 8, 7})))));
    var messages = sqs.receiveMessage(new ReceiveMessageRequest(url)
        .withMessageAttributeNames("All").withMessageSystemAttributeNames("All")).getMessages();

    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).getBody()).isEqualTo("hello v1");
    assertThat(messages.get(0).getMessageAttributes().get("n").getDataType())
        .isEqualTo("Number.java.lang.Long");
    assertThat(messages.get(0).getAttributes()).containsEntry("SenderId", "AKIDV1");
    sqs.shutdown();
  }

  @Test
  void v1_errors_carry_the_query_error_code() throws Exception {
    AmazonSQS sqs = client("v1-secret");

    assertThatThrownBy(() -> sqs.getQueueUrl("nope"))
        .isInstanceOfSatisfying(QueueDoesNotExistException.class, e ->
            assertThat(e.getErrorCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue"));
    sqs.shutdown();
  }

  @Test
  void a_v1_client_with_the_wrong_secret_is_refused() throws Exception {
    AmazonSQS sqs = client("wrong");

    assertThatThrownBy(sqs::listQueues)
        .isInstanceOfSatisfying(com.amazonaws.services.sqs.model.AmazonSQSException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(403);
          assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        });
    sqs.shutdown();
  }

  private AmazonSQS client(String secret) throws Exception {
    if (endpoint == null) {
      endpoint = new JdkHttpEndpoint(sluice.router);
    }
    return AmazonSQSClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(endpoint.url(), "us-east-1"))
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDV1", secret)))
        .build();
  }
}
