package dev.sluice.functions;

/** A Lambda error with AWS's message; the protocol module renders it in Lambda's wire shape. */
public final class FunctionException extends RuntimeException {

  private final LambdaError error;
  private final String reason;

  public FunctionException(LambdaError error, String message) {
    this(error, message, null);
  }

  /** @param reason AWS's {@code Reason} field (TooManyRequestsException), or null */
  public FunctionException(LambdaError error, String message, String reason) {
    super(message);
    this.error = error;
    this.reason = reason;
  }

  public LambdaError error() {
    return error;
  }

  /** The error's {@code Reason} (why an invocation was throttled), or null. */
  public String reason() {
    return reason;
  }

  /** AWS's answer to an invocation beyond the concurrency limits. */
  public static FunctionException throttled(String reason) {
    return new FunctionException(LambdaError.TOO_MANY_REQUESTS, "Rate Exceeded.", reason);
  }

  public static FunctionException notFound(String arn) {
    return new FunctionException(LambdaError.RESOURCE_NOT_FOUND, "Function not found: " + arn);
  }

  public static FunctionException invalidParameter(String message) {
    return new FunctionException(LambdaError.INVALID_PARAMETER_VALUE, message);
  }
}
