package dev.sluice.protocol.aws;

import java.util.concurrent.CompletableFuture;

/**
 * One AWS service on Sluice's single endpoint (SQS, STS; later Lambda, Logs, EventBridge). The
 * router asks each in turn whether a request is theirs, so each service recognises its own
 * requests by target header, action or path; signed requests go straight to the service whose
 * {@link #signingName()} the signature's credential scope names.
 *
 * <p>Implementations never throw from these methods and never fail the returned future: every
 * error is rendered in the service's own wire shape.
 */
public interface AwsService {

  /** The SigV4 service name clients sign for ({@code sqs}, {@code sts}). */
  String signingName();

  /** True if this service answers the request (checked cheaply: headers, path, action). */
  boolean accepts(AwsHttpRequest request);

  /**
   * Answers the request on behalf of {@code caller}. Cancelling the returned future (the client
   * went away) stops any wait it holds, such as a long poll.
   */
  CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request, Caller caller);

  /**
   * Renders an error raised before the service saw the request (authentication, routing) in the
   * service's own shape for that request's protocol.
   */
  AwsHttpResponse refuse(AwsHttpRequest request, AwsError error);
}
