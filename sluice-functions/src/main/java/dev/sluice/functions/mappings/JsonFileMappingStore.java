package dev.sluice.functions.mappings;

import dev.sluice.functions.store.JsonFileFolder;
import java.nio.file.Path;
import java.util.List;

/**
 * One JSON file per mapping ({@code <dir>/UUID.json}), written durably by {@link
 * JsonFileFolder}. UUIDs are made here, safe as names.
 */
public final class JsonFileMappingStore implements MappingStore {

  private final JsonFileFolder<EventSourceMapping> files;

  public JsonFileMappingStore(Path dir) {
    this.files = new JsonFileFolder<>(dir, EventSourceMapping.class, "event-source mapping");
  }

  @Override
  public List<EventSourceMapping> loadAll() {
    return files.loadAll();
  }

  @Override
  public void save(EventSourceMapping mapping) {
    files.save(mapping.uuid(), mapping);
  }

  @Override
  public void delete(String uuid) {
    files.delete(uuid);
  }
}
