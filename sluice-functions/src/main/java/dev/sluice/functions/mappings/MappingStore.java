package dev.sluice.functions.mappings;

import java.util.List;

/**
 * Where event-source mappings are kept. Implementations are durable when a call returns and
 * atomic per call (a crash leaves a mapping's old or new version, never a torn one).
 */
public interface MappingStore {

  /** Every stored mapping, in no particular order. */
  List<EventSourceMapping> loadAll();

  /** Creates or replaces the mapping with this UUID. */
  void save(EventSourceMapping mapping);

  /** Removes the mapping; nothing happens if there is none. */
  void delete(String uuid);
}
