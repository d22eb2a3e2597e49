package dev.sluice.functions.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Recursive folder removal, for unpacked code and environments' private folders. */
public final class Folders {

  private Folders() {}

  /**
   * Removes {@code dir} and everything in it, as far as it can: an entry that cannot be deleted
   * (a file written into a folder while it is being deleted keeps that folder) is left, so check
   * whether the folder is gone when that matters. Entries that vanish meanwhile are skipped
   * rather than ending the walk: two closers of one environment (the caller and the process-exit
   * callback) delete its folder at the same time, and a walk that stopped at the other's first
   * deletion returned with the folder still there.
   *
   * @throws UncheckedIOException if the folder cannot be read
   */
  public static void deleteRecursively(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          deleteIfPossible(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // already deleted by someone else
          }
          throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path folder, IOException e)
            throws IOException {
          if (e != null && !(e instanceof NoSuchFileException)) {
            throw e;
          }
          deleteIfPossible(folder);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }

  private static void deleteIfPossible(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Left behind (not empty, not permitted): the caller checks what is left if it matters.
    }
  }
}
