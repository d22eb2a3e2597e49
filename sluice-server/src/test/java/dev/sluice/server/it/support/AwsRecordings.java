package dev.sluice.server.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The oracle: responses recorded from real AWS (shared/aws-reference, from LocalStack's
 * AWS-validated snapshots, Apache 2.0). Tests look a recorded error up by its test case and take
 * status, code and message from it instead of hard-coding what they expect.
 *
 * <p>The folder sits beside the repository (the CI clones main with shared/ beside it); it is found
 * by walking up from the working directory, or named by {@code -Dsluice.awsReference=DIR}.
 */
public final class AwsRecordings {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> LOADED = new ConcurrentHashMap<>();

  private AwsRecordings() {}

  public static Path folder() {
    String configured = System.getProperty("sluice.awsReference");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/aws-reference");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/aws-reference not found above "
        + Path.of("").toAbsolutePath() + "; set -Dsluice.awsReference=DIR");
  }

  /** Every recorded error of the test case whose key ends with {@code caseSuffix}, in order. */
  public static List<WireError> errors(String snapshotFile, String caseSuffix) {
    JsonNode root = LOADED.computeIfAbsent(snapshotFile, AwsRecordings::load);
    List<WireError> found = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> testCase = it.next();
      if (testCase.getKey().endsWith(caseSuffix)) {
        collect(testCase.getValue(), found);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no recorded error for " + caseSuffix + " in "
          + snapshotFile);
    }
    return found;
  }

  /** The recorded error under {@code recorded-content.<key>} of the case ending in caseSuffix. */
  public static WireError error(String snapshotFile, String caseSuffix, String key) {
    List<WireError> found = new ArrayList<>();
    collect(response(snapshotFile, caseSuffix, key), found);
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no recorded error " + caseSuffix + " / " + key);
    }
    return found.get(0);
  }

  /** The first recorded error of a test case of sqs-test_sqs.snapshot.json. */
  public static WireError sqsError(String caseSuffix) {
    return errors("sqs-test_sqs.snapshot.json", caseSuffix).get(0);
  }

  /** One recorded response: {@code recorded-content.<key>} of the case ending in caseSuffix. */
  public static JsonNode response(String snapshotFile, String caseSuffix, String key) {
    JsonNode root = LOADED.computeIfAbsent(snapshotFile, AwsRecordings::load);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> testCase = it.next();
      if (testCase.getKey().endsWith(caseSuffix)) {
        JsonNode found = testCase.getValue().path("recorded-content").path(key);
        if (!found.isMissingNode()) {
          return found;
        }
      }
    }
    throw new IllegalArgumentException("no recording " + caseSuffix + " / " + key);
  }

  private static void collect(JsonNode node, List<WireError> found) {
    if (node.isObject() && node.has("Error") && node.get("Error").isObject()) {
      JsonNode error = node.get("Error");
      found.add(new WireError(
          node.path("ResponseMetadata").path("HTTPStatusCode").asInt(),
          error.path("Code").asText(null),
          error.path("Message").asText(null),
          error.path("Type").asText(null),
          error.path("QueryErrorCode").asText(null)));
    }
    node.forEach(child -> collect(child, found));
  }

  private static JsonNode load(String snapshotFile) {
    try {
      return JSON.readTree(folder().resolve(snapshotFile).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
