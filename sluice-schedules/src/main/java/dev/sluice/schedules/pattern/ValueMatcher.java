package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** One alternative of a pattern leaf, tested against one event value (null: the field is absent). */
@FunctionalInterface
interface ValueMatcher {
  boolean matches(JsonNode value);
}
