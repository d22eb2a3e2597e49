package dev.sluice.protocol.aws.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streamed reading must agree with the Jackson tree it replaced, values and errors alike. */
class JsonValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "",
    "   ",
    "\n\t ",
    "{}",
    "{\"QueueUrl\":\"http://q\",\"MaxNumberOfMessages\":10}",
    "{\"a\":null,\"b\":true,\"c\":false,\"d\":1.5,\"e\":-3,\"f\":2147483648,\"g\":1e3}",
    "{\"n\":123456789012345678901234567890}",
    "{\"Entries\":[{\"Id\":\"1\",\"MessageBody\":\"\\u6f22\\\\\\\"x\"},{\"Id\":\"2\"}],\"x\":[]}",
    "{\"MessageAttributes\":{\"k\":{\"DataType\":\"String\",\"StringValue\":\"v\"}}}",
    "{\"dup\":1,\"other\":2,\"dup\":\"last\"}",
    "{\"deep\":[[[[{\"a\":[1,[2,{}]]}]]]]}",
    "{} ",
    // errors: not JSON, trailing tokens, unterminated, not an object
    "{",
    "{\"a\":}",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "{'a':1}",
    "{\"a\":1} {}",
    "{\"a\":1}}",
    "{} x",
    "[1,2]",
    "\"text\"",
    "5",
    "null",
    "true",
    "[1,",
    "5 {",
    "[1] [",
    "{\"a\":[1,2}",
    "{\"a\":\"unterminated}",
    "nul",
    "{\"a\":NaN}",
    "{\"a\":01}",
    "// comment\n{}",
  })
  void streamed_reading_agrees_with_the_jackson_tree(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Object viaTree;
    try {
      viaTree = plain(Json.readObject(bytes));
    } catch (MalformedRequestException e) {
      viaTree = e.error();
    }

    Object streamed;
    try {
      streamed = JsonValues.readObject(bytes);
    } catch (MalformedRequestException e) {
      streamed = e.error();
    }

    assertThat(streamed).isEqualTo(viaTree);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1} x", "[", "5"})
  void a_body_that_is_not_a_json_object_is_a_serialization_exception(String body) {
    MalformedRequestException e = catchThrowableOfType(MalformedRequestException.class,
        () -> JsonValues.readObject(body.getBytes(StandardCharsets.UTF_8)));

    assertThat(e.error().status()).isEqualTo(400);
    assertThat(e.error().queryCode()).isEqualTo("SerializationException");
  }

  // The Jackson tree as JsonValues' plain values, for comparison.
  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (node.isNull()) {
      return JsonValues.NULL;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isInt()) {
      return node.intValue();
    }
    return node.numberValue();
  }
}
