package dev.sluice.protocol.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.functions.ConfigurationUpdate;
import dev.sluice.functions.CreateFunctionRequest;
import dev.sluice.functions.FunctionException;
import dev.sluice.functions.LambdaError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lambda's JSON request bodies read into the functions module's requests. */
final class FunctionInput {

  private FunctionInput() {}

  static CreateFunctionRequest create(ObjectNode body) {
    JsonNode code = body.path("Code");
    if (!code.path("S3Bucket").isMissingNode() || !code.path("ImageUri").isMissingNode()) {
      throw FunctionException.invalidParameter("Sluice takes function code as Code.ZipFile only;"
          + " S3 locations and container images are not supported.");
    }
    return new CreateFunctionRequest(
        text(body, "FunctionName"),
        text(body, "Runtime"),
        text(body, "Handler"),
        text(body, "Role"),
        integer(body, "Timeout"),
        integer(body, "MemorySize"),
        variables(body),
        text(body, "Description"),
        strings(body, "Architectures"),
        body.has("Publish") ? body.get("Publish").asBoolean() : null,
        stringMap(body.get("Tags")),
        zip(code.get("ZipFile")),
        deadLetterTarget(body));
  }

  static ConfigurationUpdate configuration(ObjectNode body) {
    return new ConfigurationUpdate(
        text(body, "Runtime"),
        text(body, "Handler"),
        text(body, "Role"),
        integer(body, "Timeout"),
        integer(body, "MemorySize"),
        variables(body),
        text(body, "Description"),
        text(body, "RevisionId"),
        deadLetterTarget(body));
  }

  // DeadLetterConfig {} (no TargetArn) changes nothing; TargetArn "" removes the queue.
  private static String deadLetterTarget(ObjectNode body) {
    JsonNode config = body.get("DeadLetterConfig");
    if (config == null || !config.isObject()) {
      return null;
    }
    return text((ObjectNode) config, "TargetArn");
  }

  static byte[] zip(JsonNode node) {
    if (node == null || node.isNull()) {
      throw FunctionException.invalidParameter("Please provide a source for function code.");
    }
    try {
      return Base64.getDecoder().decode(node.asText());
    } catch (IllegalArgumentException e) {
      throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT,
          "Could not decode the ZipFile: it is not valid base64.");
    }
  }

  // The body's field helpers below serve every Lambda route of this package.

  static String text(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  static Integer integer(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToInt()) {
      throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT,
          "Could not parse request body into json: " + field + " must be an integer.");
    }
    return node.asInt();
  }
  /** A MaxItems query parameter: null when absent. */
  static Integer maxItems(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT,
          "MaxItems must be an integer.");
    }
  }


  private static Map<String, String> variables(ObjectNode body) {
    JsonNode environment = body.get("Environment");
    if (environment == null || environment.isNull()) {
      return null;
    }
    Map<String, String> variables = stringMap(environment.get("Variables"));
    return variables == null ? Map.of() : variables;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static List<String> strings(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    List<String> list = new ArrayList<>();
    node.forEach(n -> list.add(n.asText()));
    return list;
  }
}
