package dev.sluice.functions.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * AWS's asynchronous invocation record, the message a destination receives:
 * {@code {version, timestamp, requestContext {requestId, functionArn, condition,
 * approximateInvokeCount}, requestPayload, responseContext {statusCode, executedVersion,
 * functionError}, responsePayload}}.
 */
public final class InvocationRecord {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private InvocationRecord() {}

  /**
   * @param last the last run, or null when the event got too old before running again
   * @param functionArn the ARN invoked, qualified ({@code :$LATEST}, a version or an alias)
   */
  public static String of(QueuedEvent event, EventQueue.Condition condition, EventQueue.Run last,
      String functionArn, long nowMillis) {
    ObjectNode record = JSON.createObjectNode();
    record.put("version", "1.0");
    record.put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(nowMillis)));
    ObjectNode context = record.putObject("requestContext");
    context.put("requestId", event.requestId());
    context.put("functionArn", functionArn);
    context.put("condition", condition.wireName());
    // attempt counts earlier runs; a last run (if any) is one more.
    context.put("approximateInvokeCount", event.attempt() + (last == null ? 0 : 1));
    record.set("requestPayload", parse(event.payload()));
    if (last != null && last.response() != null) {
      ObjectNode response = record.putObject("responseContext");
      response.put("statusCode", 200);
      response.put("executedVersion", last.executedVersion());
      if (last.functionError() != null) {
        response.put("functionError", last.functionError());
      }
      record.set("responsePayload", parse(last.response()));
    }
    return record.toString();
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      // A handler may return something that is not JSON; AWS passes it on as text.
      return TextNode.valueOf(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
