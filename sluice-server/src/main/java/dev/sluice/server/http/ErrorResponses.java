package dev.sluice.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.server.ByteSize;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Errors the HTTP layer answers itself, before a request reaches a protocol: oversized and
 * malformed requests, requests during shutdown, handler failures. Shaped like AWS errors so that
 * SDKs report a code and a message: the AWS JSON shape for JSON-protocol requests, the Query
 * protocol's XML {@code ErrorResponse} otherwise.
 */
final class ErrorResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorResponses() {}

  /** True for AWS JSON-protocol requests ({@code application/x-amz-json-1.0}, X-Amz-Target). */
  static boolean wantsJson(HttpHeaders headers) {
    String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
    return headers.contains("X-Amz-Target")
        || contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  static AwsHttpResponse tooLarge(boolean json, int maxRequestSize) {
    return error(
        413,
        "RequestEntityTooLarge",
        "Request body is larger than the maximum of "
            + maxRequestSize
            + " bytes ("
            + ByteSize.format(maxRequestSize)
            + ").",
        json);
  }

  static FullHttpResponse tooLarge(HttpVersion version, boolean json, int maxRequestSize) {
    return NettyResponses.toNetty(version, tooLarge(json, maxRequestSize), true);
  }

  /** For a request Netty's decoder could not parse. */
  static AwsHttpResponse malformed(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return error(414, "RequestURITooLong", "The request line is too long.", false);
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return error(431, "RequestHeaderFieldsTooLarge", "The request headers are too large.", false);
    }
    String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return error(400, "BadRequest", "Malformed HTTP request" + detail, false);
  }

  static AwsHttpResponse badRequest(String message, boolean json) {
    return error(400, "BadRequest", message, json);
  }

  static AwsHttpResponse shuttingDown(boolean json) {
    return error(503, "ServiceUnavailable", "The server is shutting down.", json);
  }

  static AwsHttpResponse internalFailure(boolean json) {
    return error(
        500,
        "InternalFailure",
        "The request processing has failed because of an unknown error, exception or failure.",
        json);
  }

  static AwsHttpResponse error(int status, String code, String message, boolean json) {
    String requestId = UUID.randomUUID().toString();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amzn-RequestId", requestId);
    if (json) {
      headers.put("Content-Type", "application/x-amz-json-1.0");
      headers.put("x-amzn-query-error", code + ";" + (status < 500 ? "Sender" : "Receiver"));
      return new AwsHttpResponse(status, headers, jsonBody(code, message));
    }
    headers.put("Content-Type", "text/xml");
    String body =
        "<?xml version=\"1.0\"?><ErrorResponse><Error><Type>"
            + (status < 500 ? "Sender" : "Receiver")
            + "</Type><Code>"
            + xml(code)
            + "</Code><Message>"
            + xml(message)
            + "</Message><Detail/></Error><RequestId>"
            + requestId
            + "</RequestId></ErrorResponse>";
    return new AwsHttpResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] jsonBody(String code, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("__type", code);
    body.put("message", message);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a two-string JSON object", e);
    }
  }

  private static String xml(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        default -> escaped.append(c < 0x20 && c != '\t' ? ' ' : c);
      }
    }
    return escaped.toString();
  }
}
