package dev.sluice.server.it;

import static dev.sluice.server.it.support.Names.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.server.it.support.PythonScript;
import dev.sluice.server.it.support.RawAws;
import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer;
import dev.sluice.server.it.support.WireError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A server started with {@code --credentials FILE} verifies AWS Signature V4 on every request:
 * real clients holding a key from the file work; a wrong secret, an unknown key and an unsigned
 * request are refused with AWS's errors and change nothing.
 */
@DisplayName("SigV4 verification with a credentials file")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigV4Test {

  static final String ACCESS_KEY = "AKIASLUICETEST000001";
  static final String SECRET_KEY = "sluice/Test+Secret0123456789abcdefghijklm";
  static final String OTHER_ACCESS_KEY = "AKIASLUICETEST000002";
  static final String OTHER_SECRET_KEY = "another-secret-0123456789abcdefghijklmnop";

  Path credentials;
  TestServer server;

  @BeforeAll
  void startServer() throws IOException {
    credentials = Files.createTempFile("sluice-credentials", ".ini");
    Files.writeString(credentials, """
        # AWS shared-credentials format: one profile per key pair
        [default]
        aws_access_key_id = %s
        aws_secret_access_key = %s

        [other]
        aws_access_key_id=%s
        aws_secret_access_key=%s
        """.formatted(ACCESS_KEY, SECRET_KEY, OTHER_ACCESS_KEY, OTHER_SECRET_KEY));
    server = TestServer.start(config -> config.credentialsFile(credentials));
  }

  @AfterAll
  void stopServer() throws IOException {
    server.close();
    Files.deleteIfExists(credentials);
  }

  @Test
  void the_sdk_v2_with_a_key_from_the_file_works() {
    for (String[] key : new String[][] {{ACCESS_KEY, SECRET_KEY},
        {OTHER_ACCESS_KEY, OTHER_SECRET_KEY}}) {
      try (SqsClient sqs = SdkClients.sqsV2(server.endpoint(), key[0], key[1])) {
        String url = sqs.createQueue(r -> r.queueName(unique("signed"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("signed by " + key[0]));

        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)
                .messageSystemAttributeNamesWithStrings("SenderId")).messages())
            .singleElement().satisfies(m -> {
              assertThat(m.body()).isEqualTo("signed by " + key[0]);
              assertThat(m.attributesAsStrings().get("SenderId")).isNotBlank();
            });
      }
    }
  }

  @Test
  void a_wrong_secret_is_refused_with_signature_does_not_match() {
    String name = unique("forged");
    try (SqsClient sqs = SdkClients.sqsV2(server.endpoint(), ACCESS_KEY, SECRET_KEY + "x")) {
      AwsServiceException e = refused(() -> sqs.createQueue(r -> r.queueName(name)));

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
      assertThat(e.awsErrorDetails().errorMessage()).startsWith(
          "The request signature we calculated does not match the signature you provided.");
    }
    assertQueueDoesNotExist(name);
  }

  @Test
  void an_unknown_access_key_is_refused_with_invalid_client_token_id() {
    String name = unique("stranger");
    try (SqsClient sqs = SdkClients.sqsV2(server.endpoint(), "AKIAUNKNOWNKEY000000", SECRET_KEY)) {
      AwsServiceException e = refused(() -> sqs.createQueue(r -> r.queueName(name)));

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("The security token included in the request is invalid.");
    }
    assertQueueDoesNotExist(name);
  }

  @Test
  void an_unsigned_request_is_refused_with_missing_authentication_token() {
    String name = unique("anonymous");
    try (SqsClient sqs = SdkClients.unsignedSqsV2(server.endpoint())) {
      AwsServiceException e = refused(() -> sqs.createQueue(r -> r.queueName(name)));

      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).startsWith("MissingAuthenticationToken");
    }
    RawAws raw = new RawAws(server.endpoint());
    WireError query = WireError.fromXml(raw.query(Map.of("Action", "CreateQueue",
        "QueueName", name)));
    assertThat(query.status()).isEqualTo(403);
    assertThat(query.code()).isEqualTo("MissingAuthenticationToken");
    assertThat(raw.json("ListQueues", "{}").status()).isEqualTo(403);
    assertQueueDoesNotExist(name);
  }

  @Test
  void boto3_with_a_key_from_the_file_works_and_with_a_wrong_secret_is_refused() {
    PythonScript.named("boto3_sigv4.py").against(server.endpoint())
        .credentials(ACCESS_KEY, SECRET_KEY).runsSuccessfully();
  }

  private void assertQueueDoesNotExist(String name) {
    try (SqsClient sqs = SdkClients.sqsV2(server.endpoint(), ACCESS_KEY, SECRET_KEY)) {
      assertThat(sqs.listQueues(r -> r.queueNamePrefix(name)).queueUrls()).isEmpty();
    }
  }

  private static AwsServiceException refused(ThrowingCallable call) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call);
    assertThat(e).as("the request was refused").isNotNull();
    return e;
  }
}
