package dev.sluice.protocol.aws;

import java.util.concurrent.CompletableFuture;

/**
 * One AWS service on Sluice's single endpoint (SQS, STS; later Lambda, Logs, EventBridge). The
 * router asks each in turn whether a request is theirs, so each service recognises its own
 * requests by target header, action or path.
 */
public interface AwsService {

  /** True if this service answers the request (checked cheaply: headers, path, action). */
  boolean accepts(AwsHttpRequest request);

  /** Answers the request. The future never fails: errors are rendered in the service's own shape. */
  CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request);
}
