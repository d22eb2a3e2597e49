package dev.sluice.functions.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {

  @TempDir Path root;

  @Test
  void deleting_removes_the_folder_and_everything_in_it() throws Exception {
    Path dir = folderWithFiles("env", 3);
    Files.createDirectories(dir.resolve("tmp/a/b"));
    Files.writeString(dir.resolve("tmp/a/b/c.txt"), "c");

    Folders.deleteRecursively(dir);

    assertThat(dir).doesNotExist();
    assertThat(root).exists();
  }

  @Test
  void deleting_a_folder_that_is_not_there_does_nothing() {
    Folders.deleteRecursively(root.resolve("absent"));

    assertThat(root).isEmptyDirectory();
  }

  /**
   * An environment's folder is deleted by two closers at once (the caller and the process-exit
   * callback); each must return only once the folder is gone, not when the other's deletions
   * end its walk. The race is timing-bound, hence many rounds: the old walk failed this in
   * about one round in a hundred on a busy machine.
   */
  @Test
  void a_folder_deleted_by_two_threads_at_once_is_gone_when_each_returns() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      for (int round = 0; round < 500; round++) {
        Path dir = folderWithFiles("env" + round, 50);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Boolean> otherSawItGone = CompletableFuture.supplyAsync(() -> {
          await(go);
          Folders.deleteRecursively(dir);
          return Files.notExists(dir);
        }, other);
        go.countDown();

        Folders.deleteRecursively(dir);

        assertThat(dir).as("round %d", round).doesNotExist();
        assertThat(otherSawItGone.get(10, TimeUnit.SECONDS)).as("round %d", round).isTrue();
      }
    } finally {
      other.shutdownNow();
    }
  }

  private Path folderWithFiles(String name, int files) throws Exception {
    Path dir = Files.createDirectories(root.resolve(name).resolve("tmp"));
    for (int i = 0; i < files; i++) {
      Files.writeString(dir.getParent().resolve("file" + i + ".log"), "x");
    }
    return dir.getParent();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
