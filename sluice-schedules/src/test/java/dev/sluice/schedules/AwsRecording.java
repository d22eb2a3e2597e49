package dev.sluice.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.schedules.delivery.Events;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Responses recorded from real AWS (shared/aws-reference beside the repository, found by walking
 * up from the working directory, or {@code -Dsluice.awsReference=DIR}).
 */
public final class AwsRecording {

  private AwsRecording() {}

  /** The recorded content of the test case whose key ends with {@code caseSuffix}. */
  public static JsonNode recorded(String snapshotFile, String caseSuffix) {
    JsonNode root;
    try {
      root = Events.JSON.readTree(folder().resolve(snapshotFile).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> testCase = it.next();
      if (testCase.getKey().endsWith(caseSuffix)) {
        return testCase.getValue().get("recorded-content");
      }
    }
    throw new IllegalArgumentException("no case " + caseSuffix + " in " + snapshotFile);
  }

  static Path folder() {
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
    throw new IllegalStateException("shared/aws-reference not found; set -Dsluice.awsReference");
  }
}
