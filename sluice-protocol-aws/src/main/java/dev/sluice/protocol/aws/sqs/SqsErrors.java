package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.wire.MalformedRequestException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become SQS's wire errors, for both protocols. */
final class SqsErrors {

  private static final Logger log = LoggerFactory.getLogger(SqsErrors.class);

  /** SQS's own error shapes live in this JSON namespace. */
  static final String NAMESPACE = "com.amazonaws.sqs#";

  // AWS words this one error differently in the Query protocol (recorded from AWS).
  private static final String QUERY_QUEUE_DOES_NOT_EXIST =
      "The specified queue does not exist for this wsdl version.";

  private SqsErrors() {}

  /** The wire error for any failure of an SQS action; unexpected ones are logged as 500s. */
  static AwsError of(Throwable failure, boolean query) {
    Throwable cause = unwrap(failure);
    if (cause instanceof SqsException e) {
      return of(e, query);
    }
    if (cause instanceof MalformedRequestException e) {
      return e.error();
    }
    log.error("SQS action failed unexpectedly", cause);
    return AwsError.internalError();
  }

  static AwsError of(SqsException e, boolean query) {
    SqsError error = e.error();
    String message = e.getMessage();
    if (query && error == SqsError.QUEUE_DOES_NOT_EXIST
        && SqsException.queueDoesNotExist().getMessage().equals(message)) {
      message = QUERY_QUEUE_DOES_NOT_EXIST;
    }
    return new AwsError(
        error.httpStatus(), error.queryCode(), NAMESPACE + error.jsonShape(), message, true);
  }

  /** An action SQS does not have: Query's InvalidAction, JSON's UnknownOperationException. */
  static AwsError unknownAction(String action) {
    return new AwsError(400, "InvalidAction", AwsError.CORAL + "UnknownOperationException",
        "The action " + action + " is not valid for this endpoint.", false);
  }

  static AwsError missingAction() {
    return new AwsError(400, "MissingAction", AwsError.CORAL + "MissingAction",
        "The request is missing an action or a required parameter.", false);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
