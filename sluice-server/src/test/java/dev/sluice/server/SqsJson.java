package dev.sluice.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Minimal SQS JSON-protocol calls over HTTP, enough to see a request go through the server. */
final class SqsJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  SqsJson(URI endpoint) {
    this.endpoint = endpoint;
  }

  JsonNode call(String action, String body) {
    try {
      return JSON.readTree(callAsync(action, body).join().body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CompletableFuture<HttpResponse<String>> callAsync(String action, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "AmazonSQS." + action)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String createQueue(String name) {
    return call("CreateQueue", "{\"QueueName\":\"" + name + "\"}").get("QueueUrl").asText();
  }

  void send(String queueUrl, String body) {
    call("SendMessage", "{\"QueueUrl\":\"" + queueUrl + "\",\"MessageBody\":\"" + body + "\"}");
  }

  JsonNode receive(String queueUrl, int waitSeconds) {
    return call("ReceiveMessage", receiveBody(queueUrl, waitSeconds));
  }

  static String receiveBody(String queueUrl, int waitSeconds) {
    return "{\"QueueUrl\":\""
        + queueUrl
        + "\",\"WaitTimeSeconds\":"
        + waitSeconds
        + ",\"MaxNumberOfMessages\":10}";
  }
}
