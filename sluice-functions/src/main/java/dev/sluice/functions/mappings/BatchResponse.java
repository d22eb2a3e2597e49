package dev.sluice.functions.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.functions.InvokeOutcome;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a function answered for a batch: which messages may be deleted. AWS's rules for
 * ReportBatchItemFailures: an empty or null answer, {@code {}} and an empty
 * {@code batchItemFailures} mean every record succeeded; an answer that is not JSON, or a failure
 * whose itemIdentifier is missing, empty or not in the batch, fails the whole batch.
 */
final class BatchResponse {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchResponse() {}

  /**
   * The message ids to keep (not delete), or empty when the whole batch failed.
   *
   * @param batchIds the message ids of the batch
   */
  static Optional<Set<String>> failedIds(
      InvokeOutcome outcome, boolean reportsItemFailures, Set<String> batchIds) {
    if (outcome.functionError() != null) {
      return Optional.empty();
    }
    if (!reportsItemFailures) {
      return Optional.of(Set.of());
    }
    byte[] payload = outcome.payload();
    if (payload == null || payload.length == 0) {
      return Optional.of(Set.of());
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(payload);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (answer == null || answer.isNull() || !answer.isObject()) {
      return answer == null || answer.isNull() ? Optional.of(Set.of()) : Optional.empty();
    }
    JsonNode failures = answer.get("batchItemFailures");
    if (failures == null || failures.isNull()) {
      return Optional.of(Set.of());
    }
    if (!failures.isArray()) {
      return Optional.empty();
    }
    Set<String> failed = new HashSet<>();
    for (JsonNode failure : failures) {
      JsonNode id = failure.get("itemIdentifier");
      if (id == null || !id.isTextual() || id.asText().isEmpty()
          || !batchIds.contains(id.asText())) {
        return Optional.empty();
      }
      failed.add(id.asText());
    }
    return Optional.of(failed);
  }
}
