package dev.sluice.protocol.aws.sqs;

import java.util.concurrent.CompletableFuture;

/**
 * One SQS action: reads the request's members, calls the queue service, and says what to answer.
 * Failures (SqsException and wire errors) may be thrown or complete the future exceptionally;
 * cancelling the returned future must cancel the queue service's work.
 */
@FunctionalInterface
interface SqsAction {

  CompletableFuture<SqsReply> run(SqsCall call);
}
