package dev.sluice.server.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Hand-made HTTP requests for what the SDKs refuse to send: Query-protocol (form-encoded) calls,
 * JSON with wrong types or broken syntax, unknown actions, oversized bodies. Unsigned: the server
 * accepts unsigned requests unless it was started with a credentials file.
 */
public final class RawAws {

  public static final String SQS_JSON = "application/x-amz-json-1.0";
  public static final String FORM = "application/x-www-form-urlencoded";

  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  public RawAws(URI endpoint) {
    this.endpoint = endpoint;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** An SQS JSON-protocol call: {@code X-Amz-Target: AmazonSQS.<action>}. */
  public Reply json(String action, String body) {
    return post("/", Map.of("X-Amz-Target", "AmazonSQS." + action, "Content-Type", SQS_JSON), body);
  }

  /** A Query-protocol call, form-encoded, {@code Version=2012-11-05} added unless given. */
  public Reply query(Map<String, String> parameters) {
    return queryAt("/", parameters);
  }

  /** A Query-protocol call POSTed to a path, e.g. a queue URL's {@code /ACCOUNT/NAME}. */
  public Reply queryAt(String path, Map<String, String> parameters) {
    Map<String, String> all = new LinkedHashMap<>(parameters);
    all.putIfAbsent("Version", "2012-11-05");
    return post(path, Map.of("Content-Type", FORM), form(all));
  }

  public Reply post(String path, Map<String, String> headers, String body) {
    return post(path, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  public Reply post(String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  public Reply get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(endpoint.resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(30)).GET().build());
  }

  public static String form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().map().entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",",
              e.getValue()))), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("request to " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status, headers (lower-case names) and body of an answer. */
  public record Reply(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body;
    }
  }
}
