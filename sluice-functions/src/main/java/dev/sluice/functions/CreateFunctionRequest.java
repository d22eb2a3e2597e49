package dev.sluice.functions;

import java.util.List;
import java.util.Map;

/**
 * CreateFunction's input; null means "not given" (AWS's defaults apply).
 *
 * @param zipFile the decoded bytes of Code.ZipFile
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
    byte[] zipFile) {}
