package dev.sluice.functions;

import java.util.List;
import java.util.Map;

/**
 * CreateFunction's input; null means "not given" (AWS's defaults apply).
 *
 * @param zipFile the decoded bytes of Code.ZipFile
 * @param deadLetterTargetArn DeadLetterConfig.TargetArn (an SQS queue), or null
 */
public record CreateFunctionRequest(
    String functionName,
    String runtime,
    String handler,
    String role,
    Integer timeout,
    Integer memorySize,
    Map<String, String> environment,
    String description,
    List<String> architectures,
    Boolean publish,
    Map<String, String> tags,
    byte[] zipFile,
    String deadLetterTargetArn) {

  /** Without a dead-letter queue. */
  public CreateFunctionRequest(String functionName, String runtime, String handler, String role,
      Integer timeout, Integer memorySize, Map<String, String> environment, String description,
      List<String> architectures, Boolean publish, Map<String, String> tags, byte[] zipFile) {
    this(functionName, runtime, handler, role, timeout, memorySize, environment, description,
        architectures, publish, tags, zipFile, null);
  }
}
