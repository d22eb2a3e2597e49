package dev.sluice.functions.mappings;

import java.util.List;

/**
 * UpdateEventSourceMapping's input; null means "unchanged". {@code maximumConcurrency} is only
 * looked at when {@code scalingConfigGiven} (an empty ScalingConfig removes the limit); an empty
 * {@code filterPatterns} removes the filter.
 */
public record MappingUpdate(
    String functionName,
    Integer batchSize,
    Integer maximumBatchingWindowInSeconds,
    List<String> functionResponseTypes,
    boolean scalingConfigGiven,
    Integer maximumConcurrency,
    List<String> filterPatterns,
    Boolean enabled) {}
