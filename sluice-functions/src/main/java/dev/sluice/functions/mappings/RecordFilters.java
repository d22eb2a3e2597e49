package dev.sluice.functions.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Predicate;

/**
 * Compiles a mapping's FilterCriteria patterns (EventBridge's event-pattern language) into a test
 * on SQS records. The server supplies the implementation (the schedules module's matcher), so the
 * functions module needs no pattern language of its own.
 */
@FunctionalInterface
public interface RecordFilters {

  /**
   * A test that is true when any of the patterns matches the record. The record's {@code body} is
   * the parsed JSON when the body is JSON, else the string, as AWS filters it.
   *
   * @throws IllegalArgumentException if a pattern is not valid
   */
  Predicate<JsonNode> compile(List<String> patterns);

  /** For servers without a pattern language: refuses every pattern. */
  RecordFilters UNSUPPORTED = patterns -> {
    throw new IllegalArgumentException("no event-pattern language is wired");
  };
}
