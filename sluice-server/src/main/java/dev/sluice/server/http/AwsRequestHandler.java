package dev.sluice.server.http;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP server hands every request outside {@code /_sluice/} to: in production the protocol
 * module's router. Called on a Netty event loop, so it must not block; the future may complete on
 * any thread. Cancelling the future means the client went away.
 */
@FunctionalInterface
public interface AwsRequestHandler {
  CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request);
}
