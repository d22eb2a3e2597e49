package dev.sluice.server.it;

import static dev.sluice.server.it.support.Names.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.sdk.SqsTestClient;
import dev.sluice.server.it.sdk.SqsTestClient.ReceiveOptions;
import dev.sluice.server.it.support.SdkClients;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The scenarios through the AWS SDK for Java v2 {@code SqsClient}, plus what only v2 can show: v2
 * sends every call to its endpoint with the QueueUrl in the body, so a queue URL naming AWS's own
 * host reaches the test server (v1 would follow that host to AWS).
 */
@DisplayName("SQS scenarios through the AWS SDK for Java v2")
class SdkV2ScenariosTest extends MultiSdkScenarios {

  @Override
  SqsTestClient connect(URI endpoint) {
    return SdkClients.v2(endpoint);
  }

  @Test
  void a_queue_url_with_an_aws_host_addresses_the_same_queue() {
    String name = unique("aws-host");
    String localUrl = sqs.createQueue(name);
    String awsUrl = "https://sqs.us-east-1.amazonaws.com/" + ACCOUNT + "/" + name;

    sqs.sendMessage(awsUrl, "through the AWS-style URL");

    assertThat(sqs.getQueueAttributes(awsUrl, "QueueArn")).containsEntry("QueueArn", arn(name));
    assertThat(receiveOne(localUrl, ReceiveOptions.all()).body())
        .isEqualTo("through the AWS-style URL");
    assertRecordedError(
        () -> sqs.sendMessage("https://sqs.us-east-1.amazonaws.com/111111111111/" + name, "x"),
        recordedNonExistentQueue());
  }

  @Test
  void sts_get_caller_identity_names_the_configured_account() {
    try (StsClient sts = SdkClients.stsV2(server.endpoint())) {
      GetCallerIdentityResponse identity = sts.getCallerIdentity();

      assertThat(identity.account()).isEqualTo(ACCOUNT);
      assertThat(identity.arn()).startsWith("arn:aws:iam::" + ACCOUNT + ":");
      assertThat(identity.userId()).isNotBlank();
    }
  }
}
