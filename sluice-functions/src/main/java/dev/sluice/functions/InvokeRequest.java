package dev.sluice.functions;

/**
 * Invoke's input.
 *
 * @param clientContext base64 JSON, as the X-Amz-Client-Context header carries it, or null
 */
public record InvokeRequest(
    String functionName,
    String qualifier,
    InvocationType type,
    byte[] payload,
    boolean tailLog,
    String clientContext) {

  /** Invoke's X-Amz-Invocation-Type. */
  public enum InvocationType {
    REQUEST_RESPONSE("RequestResponse"),
    EVENT("Event"),
    DRY_RUN("DryRun");

    private final String wireName;

    InvocationType(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The type named on the wire; null (absent) is RequestResponse. */
    public static InvocationType fromWire(String name) {
      if (name == null) {
        return REQUEST_RESPONSE;
      }
      for (InvocationType type : values()) {
        if (type.wireName.equals(name)) {
          return type;
        }
      }
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + name + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum"
          + " value set: [Event, RequestResponse, DryRun]");
    }
  }
}
