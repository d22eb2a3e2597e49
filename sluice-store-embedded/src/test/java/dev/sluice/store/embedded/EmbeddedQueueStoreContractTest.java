package dev.sluice.store.embedded;

import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.store.conformance.DurableQueueStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/** The shared store contract, durable part included, against RocksDB in temporary directories. */
class EmbeddedQueueStoreContractTest extends DurableQueueStoreContract {

  /** Deleted once every test ran: by then the fixture closed every store. */
  private static final List<Path> directories = new CopyOnWriteArrayList<>();

  @Override
  protected QueueStore newStore(ManualTimeSource time) {
    try {
      Path directory = Files.createTempDirectory("sluice-embedded-contract");
      directories.add(directory);
      return EmbeddedQueueStore.open(directory, time);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected QueueStore reopen(QueueStore store, ManualTimeSource time) {
    Path directory = ((EmbeddedQueueStore) store).directory();
    store.close();
    try {
      return EmbeddedQueueStore.open(directory, time);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void deleteDirectories() throws IOException {
    for (Path directory : directories) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
    directories.clear();
  }
}
