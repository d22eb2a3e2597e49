package dev.sluice.server;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsRouter;
import dev.sluice.server.http.AwsRequestHandler;
import dev.sluice.server.http.SluiceEndpoints;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The router, installed once the port is bound. why: the router needs the endpoint's real port (for
 * queue URLs of requests without a Host header), and with {@code --port 0} that is known only after
 * binding. A request in the microseconds between is answered 503, which SDKs retry.
 */
final class DeferredHandler implements AwsRequestHandler {

  private volatile AwsRouter router;
  private volatile AwsRequestHandler ruleRuns;
  private volatile AwsRequestHandler codeDownloads;

  void install(AwsRouter router) {
    this.router = router;
  }

  /** {@code /_sluice/rules/...}: answered here, not by the router (they need the rule service). */
  void installRuleRuns(AwsRequestHandler handler) {
    this.ruleRuns = handler;
  }

  /** {@code /_sluice/functions/...}: Code.Location links, signed themselves (no SigV4). */
  void installCodeDownloads(AwsRequestHandler handler) {
    this.codeDownloads = handler;
  }

  @Override
  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request) {
    AwsRouter current = router;
    AwsRequestHandler rules = ruleRuns;
    if (rules != null && request.path().startsWith(SluiceEndpoints.RULES)) {
      return rules.handle(request);
    }
    AwsRequestHandler code = codeDownloads;
    if (code != null && request.path().startsWith(SluiceEndpoints.FUNCTIONS)) {
      return code.handle(request);
    }
    if (current == null) {
      return CompletableFuture.completedFuture(
          new AwsHttpResponse(
              503,
              Map.of("Content-Type", "text/plain", "Retry-After", "1"),
              "Starting".getBytes()));
    }
    return current.handle(request);
  }
}
