package dev.sluice.protocol.aws.sqs;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Settings of the SQS endpoint.
 *
 * @param fallbackBaseUrl the {@code scheme://host:port} queue URLs start with when a request has no
 *     Host header (HTTP/1.0 clients); normally queue URLs use the host the client addressed
 */
public record SqsSettings(String fallbackBaseUrl) {

  public static final String DEFAULT_FALLBACK_BASE_URL = "http://localhost:4566";

  public SqsSettings {
    fallbackBaseUrl = validBaseUrl(fallbackBaseUrl);
  }

  public static SqsSettings defaults() {
    return new SqsSettings(DEFAULT_FALLBACK_BASE_URL);
  }

  private static String validBaseUrl(String url) {
    if (url == null) {
      throw new IllegalArgumentException("SQS fallback base URL must be set");
    }
    try {
      URI uri = new URI(url);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty()
          || uri.getRawPath().equals("/");
      if (!http || uri.getHost() == null || !bare || uri.getRawQuery() != null) {
        throw new IllegalArgumentException("SQS fallback base URL must look like"
            + " http://host:port, not '" + url + "'");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("SQS fallback base URL is not a URL: '" + url + "'", e);
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
