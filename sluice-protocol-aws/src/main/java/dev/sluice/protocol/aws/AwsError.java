package dev.sluice.protocol.aws;

/**
 * An error as every AWS wire format needs it, before it is rendered in a service's own shape.
 *
 * @param status the HTTP status
 * @param queryCode the Query protocol's {@code <Code>}; JSON protocols send it in the {@code
 *     x-amzn-query-error} header when {@code queryCompatible}
 * @param jsonType the JSON protocol's fully qualified {@code __type} ({@code namespace#Shape})
 * @param queryCompatible whether a JSON answer carries {@code x-amzn-query-error}: true for the
 *     service's own errors, false for framework errors such as an unknown operation
 */
public record AwsError(
    int status, String queryCode, String jsonType, String message, boolean queryCompatible) {

  /** Framework errors (not the service's own shapes) live in this JSON namespace at AWS. */
  public static final String CORAL = "com.amazon.coral.service#";

  /** Sender faults are the client's doing: everything below 500. */
  public boolean senderFault() {
    return status < 500;
  }

  /** {@code Sender} or {@code Receiver}, as Query errors and {@code x-amzn-query-error} say it. */
  public String faultType() {
    return senderFault() ? "Sender" : "Receiver";
  }

  /** The shape name without its namespace. */
  public String jsonShape() {
    return jsonType.substring(jsonType.indexOf('#') + 1);
  }

  public static AwsError internalError() {
    return new AwsError(
        500,
        "InternalError",
        CORAL + "InternalFailure",
        "We encountered an internal error. Please try again.",
        true);
  }
}
