package dev.sluice.functions.mappings;

import java.util.List;

/**
 * One SQS event-source mapping as stored. {@code state} is the settled state (Enabled or
 * Disabled); the transitional states AWS reports (Creating, Updating, ...) appear only in the
 * answers to changes, because changes here finish before they are answered.
 *
 * @param functionName the function's name, {@code NAME} (the mapping invokes $LATEST) or
 *     {@code NAME:QUALIFIER} (a version or an alias)
 * @param maximumConcurrency ScalingConfig.MaximumConcurrency, or null when not set
 * @param filterPatterns FilterCriteria.Filters[].Pattern, as given (empty: every record passes)
 * @param lastModifiedMillis when the mapping was last created or changed
 */
public record EventSourceMapping(
    String uuid,
    String eventSourceArn,
    String functionName,
    int batchSize,
    int maximumBatchingWindowInSeconds,
    List<String> functionResponseTypes,
    Integer maximumConcurrency,
    List<String> filterPatterns,
    boolean enabled,
    long lastModifiedMillis) {

  public static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

  public EventSourceMapping {
    functionResponseTypes =
        functionResponseTypes == null ? List.of() : List.copyOf(functionResponseTypes);
    filterPatterns = filterPatterns == null ? List.of() : List.copyOf(filterPatterns);
  }

  public MappingState settledState() {
    return enabled ? MappingState.ENABLED : MappingState.DISABLED;
  }

  public boolean reportsBatchItemFailures() {
    return functionResponseTypes.contains(REPORT_BATCH_ITEM_FAILURES);
  }

  /** The queue's name: the last field of {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
  public String queueName() {
    return eventSourceArn.substring(eventSourceArn.lastIndexOf(':') + 1);
  }
}
