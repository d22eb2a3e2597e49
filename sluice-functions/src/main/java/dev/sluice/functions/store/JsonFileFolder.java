package dev.sluice.functions.store;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A folder of JSON files, one value each ({@code <dir>/KEY.json}), the durable small stores of
 * functions, their versions and settings, and event-source mappings. A save writes a temporary
 * file, forces it to disk, renames it over the old one and forces the directory, so a crash
 * leaves either the old or the new value, never a torn one. Keys must be safe as file names
 * (function names, UUIDs).
 *
 * @param <T> the value type, read and written with Jackson
 */
public final class JsonFileFolder<T> {

  private static final String SUFFIX = ".json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;
  private final Class<T> type;
  private final String what;

  /**
   * @param what what the values are, for error messages ("function", "mapping", ...)
   */
  public JsonFileFolder(Path dir, Class<T> type, String what) {
    this.dir = dir;
    this.type = type;
    this.what = what;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  public List<T> loadAll() {
    List<T> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        all.add(MAPPER.readValue(file.toFile(), type));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the " + what + " files in " + dir, e);
    }
    return all;
  }

  public void save(String key, T value) {
    try {
      replaceDurably(fileOf(key), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save " + what + " " + key, e);
    }
  }

  /**
   * Writes {@code bytes} to a temporary file beside {@code target}, forces it, renames it over
   * {@code target} and forces the folder: a crash leaves the old content or the new, whole. Also
   * the way the event queue stores its event files.
   */
  public static void replaceDurably(Path target, byte[] bytes) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(target.getParent());
  }

  public void delete(String key) {
    try {
      if (Files.deleteIfExists(fileOf(key))) {
        forceDirectory(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + what + " " + key, e);
    }
  }

  private Path fileOf(String key) {
    return dir.resolve(key + SUFFIX);
  }

  // The rename is durable only once the directory entry is on disk.
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
