package dev.sluice.core.queue.move;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.queue.SqsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Task handles as AWS shapes them: base64 of {@code {"taskId":"...","sourceArn":"..."}}, so a
 * handle names both the task and the queue it runs on.
 */
final class MoveTaskHandles {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Decoded(String taskId, String sourceArn) {}

  private MoveTaskHandles() {}

  static String encode(String taskId, String sourceArn) {
    ObjectNode document = JSON.createObjectNode();
    document.put("taskId", taskId);
    document.put("sourceArn", sourceArn);
    return Base64.getEncoder().encodeToString(document.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Decoded decode(String handle) {
    try {
      JsonNode document = JSON.readTree(Base64.getDecoder().decode(handle));
      JsonNode taskId = document == null ? null : document.get("taskId");
      JsonNode sourceArn = document == null ? null : document.get("sourceArn");
      if (taskId != null && taskId.isTextual() && sourceArn != null && sourceArn.isTextual()) {
        return new Decoded(taskId.asText(), sourceArn.asText());
      }
    } catch (IllegalArgumentException | IOException e) {
      // refused below
    }
    throw SqsException.invalidParameterValue("Value for parameter TaskHandle is invalid.");
  }
}
