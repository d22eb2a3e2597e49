package dev.sluice.protocol.aws.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON request body read with Jackson's streaming parser into plain Java values: {@code Map}
 * (members in order), {@code List}, {@code String}, {@code Integer} (integers that fit an int),
 * other {@code Number}s, {@code Boolean} and {@link #NULL}.
 *
 * <p>perf: SQS's hot actions (SendMessageBatch above all) were read into a Jackson tree first, a
 * node object per value, which was about 15% of a send's CPU; these values are the strings and
 * collections the handlers keep anyway. Same parser, same features and the same errors as {@link
 * Json#readObject}: a body that does not parse (or has trailing tokens) is "not valid JSON", a
 * value other than an object "must be a JSON object", an empty body an empty object.
 */
public final class JsonValues {

  /** JSON's {@code null}, which clients use to say "absent". */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private JsonValues() {}

  public static Map<String, Object> readObject(byte[] body) {
    if (body == null || body.length == 0) {
      return new LinkedHashMap<>();
    }
    Object root;
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new LinkedHashMap<>(); // only whitespace: Jackson's tree reads it as missing
      }
      root = value(parser, first);
      if (parser.nextToken() != null) {
        throw MalformedRequestException.serialization("The request body is not valid JSON.");
      }
    } catch (IOException e) {
      throw MalformedRequestException.serialization("The request body is not valid JSON.");
    }
    if (!(root instanceof Map)) {
      throw MalformedRequestException.serialization("The request body must be a JSON object.");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) root;
    return object;
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new IOException("Unexpected end of input");
    }
    switch (token) {
      case START_OBJECT:
        return object(parser);
      case START_ARRAY:
        return array(parser);
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberType() == JsonParser.NumberType.INT
            ? Integer.valueOf(parser.getIntValue()) : parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new IOException("Unexpected token " + token);
    }
  }

  // why put: a repeated member replaces the earlier value in its first position, as Jackson's
  // tree does.
  private static Map<String, Object> object(JsonParser parser) throws IOException {
    Map<String, Object> members = new LinkedHashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      members.put(name, value(parser, parser.nextToken()));
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IOException("Unexpected token " + token);
    }
    return members;
  }

  private static List<Object> array(JsonParser parser) throws IOException {
    List<Object> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new IOException("Unexpected end of input");
      }
      items.add(value(parser, token));
    }
    return items;
  }
}
