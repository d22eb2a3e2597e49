package dev.sluice.functions.store;

import dev.sluice.functions.FunctionDefinition;
import java.nio.file.Path;
import java.util.List;

/**
 * One JSON file per function ({@code <dir>/NAME.json}), written durably by {@link
 * JsonFileFolder}. Function names are {@code [a-zA-Z0-9-_]}, safe as file names.
 */
public final class JsonFileFunctionStore implements FunctionStore {

  private final JsonFileFolder<FunctionDefinition> files;

  public JsonFileFunctionStore(Path dir) {
    this.files = new JsonFileFolder<>(dir, FunctionDefinition.class, "function");
  }

  @Override
  public List<FunctionDefinition> loadAll() {
    return files.loadAll();
  }

  @Override
  public void save(FunctionDefinition definition) {
    files.save(definition.name(), definition);
  }

  @Override
  public void delete(String name) {
    files.delete(name);
  }
}
