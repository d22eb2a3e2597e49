package dev.sluice.functions;

/** A Lambda error with AWS's message; the protocol module renders it in Lambda's wire shape. */
public final class FunctionException extends RuntimeException {

  private final LambdaError error;

  public FunctionException(LambdaError error, String message) {
    super(message);
    this.error = error;
  }

  public LambdaError error() {
    return error;
  }

  public static FunctionException notFound(String arn) {
    return new FunctionException(LambdaError.RESOURCE_NOT_FOUND, "Function not found: " + arn);
  }

  public static FunctionException invalidParameter(String message) {
    return new FunctionException(LambdaError.INVALID_PARAMETER_VALUE, message);
  }
}
