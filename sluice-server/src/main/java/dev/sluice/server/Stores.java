package dev.sluice.server;

import dev.sluice.core.queue.engine.InMemoryQueueStore;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.TimeSource;
import dev.sluice.store.embedded.EmbeddedQueueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the configured {@link QueueStore}. Both stores sweep expired messages on their own timers,
 * so the server runs no housekeeping loop of its own.
 */
final class Stores {

  /**
   * The embedded store's folder inside the data directory; later features (functions, logs) get
   * folders of their own beside it.
   */
  static final String QUEUES_FOLDER = "queues";

  private Stores() {}

  static QueueStore open(ServerConfig config, TimeSource time) {
    return switch (config.store()) {
      case MEMORY -> new InMemoryQueueStore(time);
      case EMBEDDED -> openEmbedded(config.dataDir(), time);
    };
  }

  private static QueueStore openEmbedded(Path dataDir, TimeSource time) {
    Path folder = dataDir.resolve(QUEUES_FOLDER);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new InvalidConfigException(
          "Invalid data directory '" + dataDir + "': cannot create " + folder + " (" + e + ")");
    }
    try {
      return EmbeddedQueueStore.open(folder, time);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      // RocksDB locks its folder; a second server on the same data directory fails here.
      String hint =
          message.toLowerCase(Locale.ROOT).contains("lock")
              ? " (is another Sluice server using " + dataDir + "?)"
              : "";
      throw new ServerStartException(message + hint, e);
    }
  }
}
