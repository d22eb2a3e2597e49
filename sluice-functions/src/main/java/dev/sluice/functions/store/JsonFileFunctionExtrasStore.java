package dev.sluice.functions.store;

import dev.sluice.functions.FunctionExtras;
import java.nio.file.Path;
import java.util.List;

/** One JSON file per function ({@code <dir>/NAME.json}), written durably by {@link JsonFileFolder}. */
public final class JsonFileFunctionExtrasStore implements FunctionExtrasStore {

  private final JsonFileFolder<FunctionExtras> files;

  public JsonFileFunctionExtrasStore(Path dir) {
    this.files = new JsonFileFolder<>(dir, FunctionExtras.class, "versions and settings of");
  }

  @Override
  public List<FunctionExtras> loadAll() {
    return files.loadAll();
  }

  @Override
  public void save(FunctionExtras extras) {
    files.save(extras.name(), extras);
  }

  @Override
  public void delete(String name) {
    files.delete(name);
  }
}
