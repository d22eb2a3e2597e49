package dev.sluice.protocol.aws;

import dev.sluice.protocol.aws.auth.Authentication;
import dev.sluice.protocol.aws.auth.RequestAuthenticator;
import dev.sluice.protocol.aws.auth.SignatureClaims;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.protocol.aws.wire.XmlWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single AWS endpoint: picks the service a request is for, authenticates it, and hands it
 * over. A signed request goes to the service its credential scope names ({@code .../sqs/...});
 * an unsigned one to the first service that {@linkplain AwsService#accepts accepts} it, so list
 * specific services (STS) before catch-all ones (SQS). The returned future never fails; an
 * unclaimed request gets a 400 in AWS's generic shape.
 */
public final class AwsRouter {

  private static final Logger log = LoggerFactory.getLogger(AwsRouter.class);

  private final List<AwsService> services;
  private final RequestAuthenticator authenticator;

  public AwsRouter(List<AwsService> services, RequestAuthenticator authenticator) {
    this.services = List.copyOf(services);
    this.authenticator = authenticator;
  }

  /**
   * Answers one request. Cancelling the returned future (the client disconnected) cancels the
   * service's work, such as a pending long poll.
   */
  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request) {
    AwsService service;
    SignatureClaims claims;
    try {
      claims = SignatureClaims.of(request);
      service = route(request, claims);
    } catch (RuntimeException e) {
      log.error("Routing failed for {} {}", request.method(), request.path(), e);
      return CompletableFuture.completedFuture(genericError(request, AwsError.internalError()));
    }
    if (service == null) {
      return CompletableFuture.completedFuture(unclaimed(request, claims));
    }
    try {
      Authentication authentication = authenticator.authenticate(request, claims);
      if (!authentication.isAccepted()) {
        return CompletableFuture.completedFuture(
            service.refuse(request, authentication.refusal()));
      }
      return service.handle(request, authentication.caller());
    } catch (RuntimeException e) {
      // Services render their own errors; this is the last line so nothing escapes to the server.
      log.error("{} failed on {} {}", service.signingName(), request.method(), request.path(), e);
      return CompletableFuture.completedFuture(service.refuse(request, AwsError.internalError()));
    }
  }

  private AwsService route(AwsHttpRequest request, SignatureClaims claims) {
    String signedFor = claims.service();
    if (signedFor != null) {
      for (AwsService service : services) {
        if (service.signingName().equals(signedFor)) {
          return service;
        }
      }
      return null;
    }
    for (AwsService service : services) {
      if (service.accepts(request)) {
        return service;
      }
    }
    return null;
  }

  private static AwsHttpResponse unclaimed(AwsHttpRequest request, SignatureClaims claims) {
    String signedFor = claims.service();
    String target = request.header("x-amz-target");
    String message;
    if (signedFor != null) {
      message = "Sluice does not implement the service '" + signedFor
          + "' that this request is signed for.";
    } else if (target != null) {
      message = "Sluice does not implement the operation '" + target + "'.";
    } else {
      message = "Sluice cannot tell which AWS service this request is for: it has no"
          + " X-Amz-Target header, no known Action parameter and no queue path.";
    }
    return genericError(request, new AwsError(400, "InvalidAction",
        AwsError.CORAL + "UnknownOperationException", message, false));
  }

  // With no service to speak for it, answer in the request's own protocol: JSON for JSON
  // requests, the Query protocol's XML for everything else.
  private static AwsHttpResponse genericError(AwsHttpRequest request, AwsError error) {
    String requestId = RequestIds.next();
    if (request.header("x-amz-target") != null) {
      var body = Json.object().put("__type", error.jsonType()).put("message", error.message());
      return AwsHttpResponse.of(error.status(), "application/x-amz-json-1.0", requestId,
          Json.write(body));
    }
    XmlWriter xml = new XmlWriter().start("ErrorResponse").start("Error")
        .element("Type", error.faultType())
        .element("Code", error.queryCode())
        .element("Message", error.message())
        .end()
        .element("RequestId", requestId);
    return AwsHttpResponse.of(error.status(), "text/xml", requestId, xml.toBytes());
  }
}
