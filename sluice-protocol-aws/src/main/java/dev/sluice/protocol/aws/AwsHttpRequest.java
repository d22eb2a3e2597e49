package dev.sluice.protocol.aws;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the AWS protocol adapters see it, independent of the HTTP server.
 *
 * @param path the decoded path, without the query string ({@code /000000000000/orders})
 * @param rawQuery the query string as sent (still percent-encoded), or empty
 * @param headers header names in lower case; values in the order received
 * @param remoteAddress the peer's address, for logs
 */
public record AwsHttpRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body,
    String remoteAddress) {

  /** The first value of a header (name matched case-insensitively), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
