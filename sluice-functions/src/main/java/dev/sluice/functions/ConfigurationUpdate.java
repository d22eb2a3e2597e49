package dev.sluice.functions;

import java.util.Map;

/**
 * UpdateFunctionConfiguration's input; null fields stay as they are.
 *
 * @param deadLetterTargetArn DeadLetterConfig.TargetArn: null keeps it, empty removes it
 */
public record ConfigurationUpdate(
    String runtime,
    String handler,
    String role,
    Integer timeout,
    Integer memorySize,
    Map<String, String> environment,
    String description,
    String revisionId,
    String deadLetterTargetArn) {

  /** Leaving the dead-letter queue as it is. */
  public ConfigurationUpdate(String runtime, String handler, String role, Integer timeout,
      Integer memorySize, Map<String, String> environment, String description,
      String revisionId) {
    this(runtime, handler, role, timeout, memorySize, environment, description, revisionId,
        null);
  }
}
