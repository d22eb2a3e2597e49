package dev.sluice.server.it.support;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.retry.PredefinedRetryPolicies;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import dev.sluice.server.it.sdk.SdkV1TestClient;
import dev.sluice.server.it.sdk.SdkV2TestClient;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real AWS clients pointed at a test server: region us-east-1, static dummy credentials unless the
 * test says otherwise, and no retries, so a refused request fails the test at once instead of being
 * retried (and, in the crash test, so an acknowledgement means exactly one request).
 */
public final class SdkClients {

  public static final String REGION = "us-east-1";
  public static final String DUMMY_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  public static final String DUMMY_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  // Long polls in the scenarios wait up to 20 s; the client must outwait them.
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(40);

  private SdkClients() {}

  public static SqsClient sqsV2(URI endpoint) {
    return sqsV2(endpoint, StaticCredentialsProvider.create(
        AwsBasicCredentials.create(DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY)));
  }

  public static SqsClient sqsV2(URI endpoint, String accessKey, String secretKey) {
    return sqsV2(endpoint, StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKey, secretKey)));
  }

  /** An SDK v2 client that sends its requests unsigned. */
  public static SqsClient unsignedSqsV2(URI endpoint) {
    return sqsV2(endpoint, AnonymousCredentialsProvider.create());
  }

  public static SqsClient sqsV2(URI endpoint, AwsCredentialsProvider credentials) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(SOCKET_TIMEOUT))
        .overrideConfiguration(noRetries())
        .build();
  }

  public static SdkV2TestClient v2(URI endpoint) {
    return new SdkV2TestClient(sqsV2(endpoint));
  }

  public static SdkV1TestClient v1(URI endpoint) {
    return new SdkV1TestClient(sqsV1(endpoint));
  }

  public static AmazonSQS sqsV1(URI endpoint) {
    return AmazonSQSClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(endpoint.toString(), REGION))
        .withCredentials(new AWSStaticCredentialsProvider(
            new BasicAWSCredentials(DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY)))
        .withClientConfiguration(new ClientConfiguration()
            .withRetryPolicy(PredefinedRetryPolicies.NO_RETRY_POLICY)
            .withConnectionTimeout(5_000)
            .withSocketTimeout((int) SOCKET_TIMEOUT.toMillis()))
        .build();
  }

  public static StsClient stsV2(URI endpoint) {
    return StsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(DUMMY_ACCESS_KEY, DUMMY_SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(noRetries())
        .build();
  }

  private static ClientOverrideConfiguration noRetries() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .build();
  }
}
