package dev.sluice.protocol.aws.wire;

import dev.sluice.protocol.aws.AwsError;

/**
 * A request whose wire form cannot be read (bad JSON, a bad form body, a value of the wrong type).
 * Thrown while decoding, caught by the service and rendered as its {@link AwsError}. Cheap to
 * throw: no stack trace.
 */
public final class MalformedRequestException extends RuntimeException {

  private final transient AwsError error;

  public MalformedRequestException(AwsError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public AwsError error() {
    return error;
  }

  /** The JSON protocols' answer to a body that does not parse or has wrongly typed members. */
  public static MalformedRequestException serialization(String message) {
    return new MalformedRequestException(
        new AwsError(400, "SerializationException", AwsError.CORAL + "SerializationException",
            message, false));
  }

  /** The Query protocol's answer to a query string or form body that does not decode. */
  public static MalformedRequestException malformedQueryString(String message) {
    // AWS's common-errors table gives MalformedQueryString the status 404.
    return new MalformedRequestException(
        new AwsError(404, "MalformedQueryString", AwsError.CORAL + "MalformedQueryString",
            message, true));
  }
}
