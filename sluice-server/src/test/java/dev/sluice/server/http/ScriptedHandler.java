package dev.sluice.server.http;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A handler whose answers the test decides, by path: {@code /echo...} answers at once with what it
 * received, {@code /slow/ID} waits until the test completes {@link #slow(String)}, {@code /throw}
 * throws, {@code /fail} fails its future.
 */
final class ScriptedHandler implements AwsRequestHandler {

  final List<AwsHttpRequest> received = new CopyOnWriteArrayList<>();
  private final Map<String, CompletableFuture<AwsHttpResponse>> slow = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request) {
    received.add(request);
    String path = request.path();
    if (path.startsWith("/slow/")) {
      return slow(path.substring("/slow/".length()));
    }
    if (path.equals("/throw")) {
      throw new IllegalStateException("handler bug");
    }
    if (path.equals("/fail")) {
      return CompletableFuture.failedFuture(new IllegalStateException("handler failed"));
    }
    String echo =
        request.method()
            + " "
            + path
            + " query="
            + request.rawQuery()
            + " body="
            + new String(request.body(), StandardCharsets.UTF_8);
    return CompletableFuture.completedFuture(AwsHttpResponse.of(200, "text/plain", echo));
  }

  /** The future of the slow request with this id (created on first use by either side). */
  CompletableFuture<AwsHttpResponse> slow(String id) {
    return slow.computeIfAbsent(id, key -> new CompletableFuture<>());
  }

  static AwsHttpResponse text(String body) {
    return AwsHttpResponse.of(200, "text/plain", body);
  }
}
