package dev.sluice.schedules.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A custom event bus (the default bus is implicit and never stored).
 *
 * @param description null if not given
 * @param tags in the order they were added
 */
public record EventBus(
    String name,
    String arn,
    String description,
    long createdMillis,
    long lastModifiedMillis,
    Map<String, String> tags) {

  public EventBus {
    tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public EventBus withTags(Map<String, String> newTags, long nowMillis) {
    return new EventBus(name, arn, description, createdMillis, nowMillis, newTags);
  }
}
