package dev.sluice.schedules.rules;

import java.util.Map;

/**
 * A target's InputTransformer: {@code inputPathsMap} names values picked from the event by JSON
 * path; {@code inputTemplate} places them with {@code <name>} placeholders.
 */
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

  public InputTransformer {
    inputPathsMap = inputPathsMap == null ? Map.of() : Map.copyOf(inputPathsMap);
  }
}
