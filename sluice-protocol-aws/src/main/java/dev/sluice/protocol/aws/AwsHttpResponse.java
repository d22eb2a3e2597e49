package dev.sluice.protocol.aws;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP response from an AWS protocol adapter; the HTTP server writes it as it is. */
public record AwsHttpResponse(int status, Map<String, String> headers, byte[] body) {

  public static AwsHttpResponse of(int status, String contentType, String body) {
    return new AwsHttpResponse(
        status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }
}
