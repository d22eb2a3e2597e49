package dev.sluice.functions.mappings;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * One JSON file per mapping ({@code <dir>/UUID.json}), written as the function definitions are:
 * temporary file, fsync, atomic rename, directory fsync. UUIDs are made here, safe as names.
 */
public final class JsonFileMappingStore implements MappingStore {

  private static final String SUFFIX = ".json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;

  public JsonFileMappingStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  @Override
  public List<EventSourceMapping> loadAll() {
    List<EventSourceMapping> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        all.add(MAPPER.readValue(file.toFile(), EventSourceMapping.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read event-source mappings in " + dir, e);
    }
    return all;
  }

  @Override
  public void save(EventSourceMapping mapping) {
    Path target = fileOf(mapping.uuid());
    Path temporary = dir.resolve(mapping.uuid() + SUFFIX + ".tmp");
    try {
      byte[] json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(mapping);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(json));
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save event-source mapping " + mapping.uuid(), e);
    }
  }

  @Override
  public void delete(String uuid) {
    try {
      if (Files.deleteIfExists(fileOf(uuid))) {
        forceDirectory();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete event-source mapping " + uuid, e);
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
