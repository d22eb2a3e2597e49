package dev.sluice.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;

/**
 * Responses recorded from real AWS ({@code shared/aws-reference}, beside the repository), as the
 * oracle for error codes and messages. Keys name the recorded test case; only the JSON-protocol
 * variant ({@code [sqs]}) is read.
 */
public final class AwsRecordings {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode sqs;
  private static JsonNode moveTasks;

  private AwsRecordings() {}

  /** The recorded content {@code key} of the SQS test case whose name ends with {@code testCase}. */
  public static JsonNode sqs(String testCase, String key) {
    return find(sqsFile(), testCase).path(key);
  }

  public static JsonNode moveTask(String testCase, String key) {
    return find(moveTaskFile(), testCase).path(key);
  }

  /** Asserts that {@code call} is refused exactly as AWS refused the recorded call. */
  public static void assertRefusedAsRecorded(JsonNode recorded, ThrowableAssert.ThrowingCallable call) {
    JsonNode error = recorded.path("Error");
    assertThat(error.isMissingNode()).as("recording has an Error: %s", recorded).isFalse();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(call))
        .isInstanceOfSatisfying(SqsException.class, refused -> {
          assertThat(refused.getMessage()).isEqualTo(error.path("Message").asText());
          assertThat(refused.error().queryCode()).isEqualTo(error.path("Code").asText());
        });
  }

  private static JsonNode find(JsonNode file, String testCase) {
    for (Iterator<Map.Entry<String, JsonNode>> it = file.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      if (name.endsWith("::" + testCase)) {
        return entry.getValue().path("recorded-content");
      }
    }
    throw new AssertionError("No recording named " + testCase);
  }

  private static synchronized JsonNode sqsFile() {
    if (sqs == null) {
      sqs = load("sqs-test_sqs.snapshot.json");
    }
    return sqs;
  }

  private static synchronized JsonNode moveTaskFile() {
    if (moveTasks == null) {
      moveTasks = load("sqs-test_sqs_move_task.snapshot.json");
    }
    return moveTasks;
  }

  private static JsonNode load(String file) {
    Path directory = referenceDirectory();
    try {
      return JSON.readTree(directory.resolve(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The tests run in the module folder; shared/ sits beside the repository (or inside it).
  private static Path referenceDirectory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : new Path[] {dir.resolve("shared/aws-reference"),
          dir.resolveSibling("shared/aws-reference")}) {
        if (Files.isDirectory(candidate)) {
          return candidate;
        }
      }
    }
    throw new AssertionError("shared/aws-reference not found above " + Path.of("").toAbsolutePath());
  }
}
