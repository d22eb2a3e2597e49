package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder chores shared by targets and scenarios. */
public final class Folders {

  private Folders() {}

  /**
   * Deletes the folder and everything in it, as far as it can: what cannot be deleted (a file
   * RocksDB removes meanwhile, a permission) is left, since a leftover must not fail a run.
   */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // left behind; the callers say where that is and who removes it
    }
  }
}
