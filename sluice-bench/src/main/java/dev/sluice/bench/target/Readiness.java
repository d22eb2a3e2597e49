package dev.sluice.bench.target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether an endpoint answers SQS: a JSON-protocol ListQueues that gets HTTP 200. */
final class Readiness {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {}

  /** Null when the endpoint answered ListQueues with 200, else what went wrong. */
  static String probe(URI endpoint) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "AmazonSQS.ListQueues")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDSLUICEBENCH/20260101/us-east-1/sqs/aws4_request, "
                    + "SignedHeaders=host, Signature=00")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? null
          : "ListQueues answered " + response.statusCode() + ": " + response.body();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
