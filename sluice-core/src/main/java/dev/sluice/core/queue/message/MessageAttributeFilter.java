package dev.sluice.core.queue.message;

import dev.sluice.core.queue.model.MessageAttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ReceiveMessage's MessageAttributeNames: {@code All}, {@code .*} (AWS also honours {@code *}),
 * exact names, and prefixes written {@code prefix.*}. Names that match nothing, even malformed ones,
 * are not errors: the message simply comes without those attributes.
 */
public final class MessageAttributeFilter {

  private static final Set<String> EVERYTHING = Set.of("All", ".*", "*");

  private final boolean all;
  private final List<String> exactNames = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();

  public MessageAttributeFilter(List<String> names) {
    boolean wantsAll = false;
    for (String name : names) {
      if (name == null) {
        continue;
      }
      if (EVERYTHING.contains(name)) {
        wantsAll = true;
      } else if (name.endsWith(".*")) {
        prefixes.add(name.substring(0, name.length() - 2));
      } else {
        exactNames.add(name);
      }
    }
    this.all = wantsAll;
  }

  /** The attributes the receiver asked for, in name order; empty when none match. */
  public Map<String, MessageAttributeValue> select(Map<String, MessageAttributeValue> attributes) {
    if (attributes.isEmpty() || (!all && exactNames.isEmpty() && prefixes.isEmpty())) {
      return Map.of();
    }
    Map<String, MessageAttributeValue> selected = new TreeMap<>();
    for (var entry : attributes.entrySet()) {
      if (matches(entry.getKey())) {
        selected.put(entry.getKey(), entry.getValue());
      }
    }
    return selected;
  }

  private boolean matches(String name) {
    if (all || exactNames.contains(name)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
