package dev.sluice.functions.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.functions.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON file per function ({@code <dir>/NAME.json}). A save writes a temporary file, forces
 * it to disk, renames it over the old one and forces the directory, so a crash leaves either the
 * old or the new definition, never a torn one. Function names are {@code [a-zA-Z0-9-_]}, safe
 * as file names.
 */
public final class JsonFileFunctionStore implements FunctionStore {

  private static final String SUFFIX = ".json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;

  public JsonFileFunctionStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  @Override
  public List<FunctionDefinition> loadAll() {
    List<FunctionDefinition> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        all.add(MAPPER.readValue(file.toFile(), FunctionDefinition.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read function definitions in " + dir, e);
    }
    return all;
  }

  @Override
  public void save(FunctionDefinition definition) {
    Path target = fileOf(definition.name());
    Path temporary = dir.resolve(definition.name() + SUFFIX + ".tmp");
    try {
      byte[] json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(definition);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(json));
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save function " + definition.name(), e);
    }
  }

  @Override
  public void delete(String name) {
    try {
      if (Files.deleteIfExists(fileOf(name))) {
        forceDirectory();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete function " + name, e);
    }
  }

  private Path fileOf(String name) {
    return dir.resolve(name + SUFFIX);
  }

  // The rename is durable only once the directory entry is on disk.
  private void forceDirectory() throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
