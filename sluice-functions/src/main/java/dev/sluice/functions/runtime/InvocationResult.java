package dev.sluice.functions.runtime;

import java.nio.charset.StandardCharsets;

/**
 * What an invocation produced.
 *
 * @param payload the handler's result, or AWS's error JSON when {@code functionError} is set
 * @param functionError null on success, else what Invoke's X-Amz-Function-Error says
 *     ({@code Unhandled})
 * @param logTail the last 4 KB of the invocation's log when asked for, else null
 */
public record InvocationResult(byte[] payload, String functionError, byte[] logTail) {

  public static final String UNHANDLED = "Unhandled";

  public static InvocationResult success(byte[] payload) {
    return new InvocationResult(payload, null, null);
  }

  public static InvocationResult unhandled(byte[] errorJson) {
    return new InvocationResult(errorJson, UNHANDLED, null);
  }

  /** An error Sluice reports on the runtime's behalf (timeout, crash), in AWS's shape. */
  public static InvocationResult unhandled(String errorType, String errorMessage) {
    String json = "{\"errorType\":" + quote(errorType) + ",\"errorMessage\":"
        + quote(errorMessage) + "}";
    return unhandled(json.getBytes(StandardCharsets.UTF_8));
  }

  public InvocationResult withLogTail(byte[] tail) {
    return new InvocationResult(payload, functionError, tail);
  }

  public boolean failed() {
    return functionError != null;
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
