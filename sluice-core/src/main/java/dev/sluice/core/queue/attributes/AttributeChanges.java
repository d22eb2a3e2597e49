package dev.sluice.core.queue.attributes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validated, normalized changes to a queue's stored attributes. A null value removes the attribute
 * (AWS treats an empty Policy, an empty KmsMasterKeyId or the default key reuse period as "unset").
 * Changes the client asked for are kept apart from those they imply, because CreateQueue on an
 * existing queue compares only what the client asked for.
 */
public final class AttributeChanges {

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> requested = new LinkedHashSet<>();

  void request(String name, String normalizedValue) {
    requested.add(name);
    values.put(name, normalizedValue);
  }

  void imply(String name, String value) {
    if (!requested.contains(name)) {
      values.put(name, value);
    }
  }

  String value(String name) {
    return values.get(name);
  }

  boolean requests(String name) {
    return requested.contains(name);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** {@code current} with these changes made; never contains nulls. */
  public Map<String, String> applyTo(Map<String, String> current) {
    Map<String, String> result = new HashMap<>(current);
    values.forEach((name, value) -> {
      if (value == null) {
        result.remove(name);
      } else {
        result.put(name, value);
      }
    });
    return result;
  }

  /** The first requested attribute whose value differs from {@code existing}'s, if any. */
  public Optional<String> firstDifferenceFrom(Map<String, String> existing) {
    return requested.stream()
        .filter(name -> !Objects.equals(values.get(name), existing.get(name)))
        .findFirst();
  }
}
