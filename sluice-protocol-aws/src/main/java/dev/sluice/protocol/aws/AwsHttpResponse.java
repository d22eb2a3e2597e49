package dev.sluice.protocol.aws;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response from an AWS protocol adapter; the HTTP server writes it as it is. */
public record AwsHttpResponse(int status, Map<String, String> headers, byte[] body) {

  /** The header every AWS answer carries; SDKs report it as the request id. */
  public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

  public static AwsHttpResponse of(int status, String contentType, String body) {
    return new AwsHttpResponse(
        status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  /** A response with the request id header that AWS puts on every answer. */
  public static AwsHttpResponse of(
      int status, String contentType, String requestId, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put(REQUEST_ID_HEADER, requestId);
    return new AwsHttpResponse(status, headers, body);
  }

  /** A copy with one more header. */
  public AwsHttpResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new AwsHttpResponse(status, copy, body);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
