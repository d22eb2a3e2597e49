package dev.sluice.core.queue;

/** A queue operation refused with one of AWS's errors. Cheap to throw: no stack trace. */
public final class SqsException extends RuntimeException {

  private final SqsError error;

  public SqsException(SqsError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public SqsError error() {
    return error;
  }

  public static SqsException queueDoesNotExist() {
    return new SqsException(
        SqsError.QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
  }

  public static SqsException invalidParameterValue(String message) {
    return new SqsException(SqsError.INVALID_PARAMETER_VALUE, message);
  }

  public static SqsException missingParameter(String parameter) {
    return new SqsException(
        SqsError.MISSING_PARAMETER, "The request must contain the parameter " + parameter + ".");
  }
}
