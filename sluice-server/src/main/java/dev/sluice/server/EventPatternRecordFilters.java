package dev.sluice.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.functions.mappings.RecordFilters;
import dev.sluice.schedules.pattern.EventPattern;
import dev.sluice.schedules.rules.EventsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Event-source mapping filters in EventBridge's event-pattern language, which is what Lambda's
 * FilterCriteria use: the schedules module's matcher, lent to the functions module.
 */
final class EventPatternRecordFilters implements RecordFilters {

  @Override
  public Predicate<JsonNode> compile(List<String> patterns) {
    List<EventPattern> compiled = new ArrayList<>();
    for (String pattern : patterns) {
      try {
        compiled.add(EventPattern.parse(pattern));
      } catch (EventsException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    return record -> compiled.stream().anyMatch(pattern -> pattern.matches(record));
  }
}
