package dev.sluice.functions;

import java.util.Map;

/** UpdateFunctionConfiguration's input; null fields stay as they are. */
public record ConfigurationUpdate(
    String runtime,
    String handler,
    String role,
    Integer timeout,
    Integer memorySize,
    Map<String, String> environment,
    String description,
    String revisionId) {}
