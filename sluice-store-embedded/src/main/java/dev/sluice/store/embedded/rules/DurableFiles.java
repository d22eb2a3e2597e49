package dev.sluice.store.embedded.rules;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** The one way the rule stores replace a file: a crash leaves the old content or the new, whole. */
final class DurableFiles {

  private DurableFiles() {}

  /**
   * Writes {@code bytes} to a temporary file beside {@code target}, forces it to disk, renames it
   * over {@code target} and forces the folder (the rename is durable only once its entry is).
   */
  static void replace(Path target, byte[] bytes) throws IOException {
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
    forceFolder(target.getParent());
  }

  /** Linux allows fsync on a folder; Windows does not, and needs none for a rename to last. */
  static void forceFolder(Path folder) throws IOException {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }
}
