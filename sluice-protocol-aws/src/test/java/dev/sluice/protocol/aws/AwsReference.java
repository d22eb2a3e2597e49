package dev.sluice.protocol.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The answers recorded from real AWS (test resources, see aws-reference/README.md), looked up by
 * test case and recording name.
 */
public final class AwsReference {

  /** One recorded error as boto3 reported it. */
  public record RecordedError(
      int status, String code, String message, String queryErrorCode, String type) {}

  private static final JsonNode SQS = load("/aws-reference/sqs-test_sqs.snapshot.json");

  private AwsReference() {}

  /**
   * The error recorded as {@code recording} in the test case whose key ends with {@code
   * testCase} (for example {@code test_send_empty_message[sqs_query]}).
   */
  public static RecordedError sqsError(String testCase, String recording) {
    JsonNode content = testCase(testCase).path("recorded-content").path(recording);
    JsonNode error = content.path("Error");
    if (error.isMissingNode()) {
      throw new IllegalArgumentException("No error " + recording + " in " + testCase);
    }
    return new RecordedError(
        content.path("ResponseMetadata").path("HTTPStatusCode").asInt(),
        error.path("Code").asText(),
        error.path("Message").asText(),
        error.path("QueryErrorCode").isMissingNode() ? null : error.path("QueryErrorCode").asText(),
        error.path("Type").asText());
  }

  private static JsonNode testCase(String suffix) {
    for (Map.Entry<String, JsonNode> entry : SQS.properties()) {
      if (entry.getKey().endsWith("::" + suffix)) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException("No recorded test case " + suffix);
  }

  private static JsonNode load(String resource) {
    try (InputStream in = AwsReference.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing test resource " + resource);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
