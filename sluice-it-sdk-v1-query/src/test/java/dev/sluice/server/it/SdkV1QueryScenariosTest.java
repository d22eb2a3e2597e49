package dev.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.Request;
import com.amazonaws.handlers.RequestHandler2;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import dev.sluice.server.it.sdk.SdkV1TestClient;
import dev.sluice.server.it.sdk.SqsTestClient;
import dev.sluice.server.it.support.SdkClients;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * Every scenario of {@link MultiSdkScenarios} through an AWS SDK for Java v1 release that speaks
 * the Query protocol: form-encoded {@code Action=...} requests POSTed to the queue URL, XML
 * answers and XML errors. After the scenarios, a check that the SDK really sent Query requests
 * (and not AWS JSON, which newer v1 releases send), so these tests cannot silently stop covering
 * the protocol they exist for.
 */
@DisplayName("SQS scenarios through the AWS SDK for Java v1 on the Query protocol")
class SdkV1QueryScenariosTest extends MultiSdkScenarios {

  private final List<String> protocols = new CopyOnWriteArrayList<>();

  @Override
  SqsTestClient connect(URI endpoint) {
    // As SdkClients.sqsV1 builds it, plus the recorder.
    AmazonSQS recording = AmazonSQSClientBuilder.standard()
        .withEndpointConfiguration(new com.amazonaws.client.builder.AwsClientBuilder
            .EndpointConfiguration(endpoint.toString(), SdkClients.REGION))
        .withCredentials(new com.amazonaws.auth.AWSStaticCredentialsProvider(
            new com.amazonaws.auth.BasicAWSCredentials(SdkClients.DUMMY_ACCESS_KEY,
                SdkClients.DUMMY_SECRET_KEY)))
        .withClientConfiguration(new com.amazonaws.ClientConfiguration()
            .withRetryPolicy(com.amazonaws.retry.PredefinedRetryPolicies.NO_RETRY_POLICY)
            .withConnectionTimeout(5_000)
            .withSocketTimeout(40_000))
        .withRequestHandlers(new ProtocolRecorder())
        .build();
    return new SdkV1TestClient(recording);
  }

  @Override
  boolean speaksQuery() {
    return true;
  }

  @AfterAll
  void every_request_was_a_query_request() {
    assertThat(protocols).as("requests sent by the SDK").isNotEmpty().containsOnly("query");
  }

  /** Notes each request's wire protocol: Query has an Action parameter, JSON a target header. */
  private final class ProtocolRecorder extends RequestHandler2 {
    @Override
    public void beforeRequest(Request<?> request) {
      boolean query = request.getParameters().containsKey("Action")
          && !request.getHeaders().containsKey("X-Amz-Target");
      protocols.add(query ? "query" : "json");
    }
  }
}
