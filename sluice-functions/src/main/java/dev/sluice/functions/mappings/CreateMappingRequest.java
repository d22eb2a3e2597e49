package dev.sluice.functions.mappings;

import java.util.List;

/**
 * CreateEventSourceMapping's input; null numbers, lists and flags were absent (defaults apply).
 *
 * @param filterPatterns FilterCriteria.Filters[].Pattern
 */
public record CreateMappingRequest(
    String eventSourceArn,
    String functionName,
    Integer batchSize,
    Integer maximumBatchingWindowInSeconds,
    List<String> functionResponseTypes,
    Integer maximumConcurrency,
    List<String> filterPatterns,
    Boolean enabled) {}
