package dev.sluice.bench.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Blocking AWS calls for the function, mapping and schedule scenarios: Lambda's REST paths and
 * the JSON protocols (SQS, CloudWatch Logs, EventBridge), over the JDK's HTTP/1.1 client with
 * keep-alive. Those scenarios measure milliseconds per call, not a hundred thousand calls per
 * second, so the raw Netty generator is not needed; the client's own share of a round trip (tens
 * of microseconds on loopback) is part of every figure and noted in docs/benchmarks.md. Nothing
 * to close: the JDK client's threads are daemons and its idle connections end with it (it has no
 * close() before Java 21).
 */
public final class AwsRest {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI endpoint;
  private final HttpClient http;

  public AwsRest(URI endpoint) {
    this.endpoint = endpoint;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** One HTTP answer. */
  public record Answer(int status, HttpResponse<byte[]> response) {

    public boolean ok() {
      return status / 100 == 2;
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public String text() {
      return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        byte[] body = response.body();
        return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (HTTP " + status + "): " + text(), e);
      }
    }
  }

  /** Sends a request; a fake SigV4 header names the service (Sluice does not check signatures). */
  public Answer call(
      String method, String path, String service, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(TIMEOUT)
            .method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Authorization", authorization(service))
            .header("X-Amz-Date", "20260101T000000Z");
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + path, e);
    }
  }

  /** A Lambda REST call with a JSON body (or none); fails unless the answer is 2xx. */
  public JsonNode lambda(String method, String path, Object body) {
    Answer answer =
        call(method, path, "lambda", Map.of("Content-Type", "application/json"), bytes(body));
    return okJson(method + " " + path, answer);
  }

  /** A JSON-protocol call ({@code X-Amz-Target: target}); fails unless the answer is 2xx. */
  public JsonNode target(String service, String target, String contentType, Object body) {
    Answer answer =
        call("POST", "/", service, Map.of("Content-Type", contentType, "X-Amz-Target", target),
            bytes(body));
    return okJson(target, answer);
  }

  public JsonNode sqs(String action, Object body) {
    return target("sqs", "AmazonSQS." + action, "application/x-amz-json-1.0", body);
  }

  public JsonNode logs(String action, Object body) {
    return target("logs", "Logs_20140328." + action, "application/x-amz-json-1.1", body);
  }

  public JsonNode events(String action, Object body) {
    return target("events", "AWSEvents." + action, "application/x-amz-json-1.1", body);
  }

  /** Creates a standard queue; returns its URL. */
  public String createQueue(String name) {
    return sqs("CreateQueue", Map.of("QueueName", name)).path("QueueUrl").asText();
  }

  public String queueArn(String queueUrl) {
    return sqs("GetQueueAttributes", Map.of("QueueUrl", queueUrl, "AttributeNames",
        java.util.List.of("QueueArn"))).path("Attributes").path("QueueArn").asText();
  }

  /** Best effort: a leftover queue only costs the run a little memory. */
  public void deleteQueueQuietly(String queueUrl) {
    try {
      sqs("DeleteQueue", Map.of("QueueUrl", queueUrl));
    } catch (RuntimeException e) {
      // the run goes on
    }
  }

  private static JsonNode okJson(String what, Answer answer) {
    if (!answer.ok()) {
      throw new IllegalStateException(what + " failed: HTTP " + answer.status() + " "
          + answer.text());
    }
    return answer.json();
  }

  static byte[] bytes(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String authorization(String service) {
    return "AWS4-HMAC-SHA256 Credential=AKIDSLUICEBENCH/20260101/us-east-1/" + service
        + "/aws4_request, SignedHeaders=host;x-amz-date, "
        + "Signature=0000000000000000000000000000000000000000000000000000000000000000";
  }
}
