package dev.sluice.protocol.aws.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one Jackson mapper of the AWS JSON protocols, and their body reading and writing. */
public final class Json {

  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** The body as a JSON object; an empty body is an empty object, as AWS treats it. */
  public static ObjectNode readObject(byte[] body) {
    return readObject(MAPPER, body);
  }

  /** As {@link #readObject(byte[])}, with a mapper of other read limits (code uploads). */
  public static ObjectNode readObject(ObjectMapper mapper, byte[] body) {
    if (body == null || body.length == 0) {
      return mapper.createObjectNode();
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (IOException e) {
      throw MalformedRequestException.serialization("The request body is not valid JSON.");
    }
    if (node == null || node.isMissingNode()) {
      return mapper.createObjectNode();
    }
    if (!node.isObject()) {
      throw MalformedRequestException.serialization("The request body must be a JSON object.");
    }
    return (ObjectNode) node;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
