package dev.sluice.functions.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.functions.FunctionExtras;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON file per function ({@code <dir>/NAME.json}), written like {@link
 * JsonFileFunctionStore}'s: temporary file forced to disk, atomic rename, directory forced.
 */
public final class JsonFileFunctionExtrasStore implements FunctionExtrasStore {

  private static final String SUFFIX = ".json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;

  public JsonFileFunctionExtrasStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  @Override
  public List<FunctionExtras> loadAll() {
    List<FunctionExtras> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        all.add(MAPPER.readValue(file.toFile(), FunctionExtras.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read function versions and settings in " + dir, e);
    }
    return all;
  }

  @Override
  public void save(FunctionExtras extras) {
    Path temporary = dir.resolve(extras.name() + SUFFIX + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(MAPPER.writeValueAsBytes(extras)));
        channel.force(true);
      }
      Files.move(temporary, dir.resolve(extras.name() + SUFFIX), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save versions and settings of " + extras.name(), e);
    }
  }

  @Override
  public void delete(String name) {
    try {
      if (Files.deleteIfExists(dir.resolve(name + SUFFIX))) {
        forceDirectory();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete versions and settings of " + name, e);
    }
  }

  private void forceDirectory() throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
