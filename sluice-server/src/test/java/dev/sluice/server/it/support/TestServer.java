package dev.sluice.server.it.support;

import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A full Sluice server in this JVM on a free port, over the embedded store in its own temporary
 * data directory (deleted on close) unless the caller configures otherwise.
 */
public final class TestServer implements AutoCloseable {

  private final Path dataDir;
  private final boolean ownsDataDir;
  private final URI endpoint;
  private final AutoCloseable running;

  private TestServer(Path dataDir, boolean ownsDataDir, URI endpoint, AutoCloseable running) {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.endpoint = endpoint;
    this.running = running;
  }

  /** Embedded store in a fresh temporary directory, port 0, no SigV4 verification. */
  public static TestServer start() {
    return start(UnaryOperator.identity());
  }

  /** As {@link #start()}, with the configuration adjusted (e.g. a credentials file). */
  public static TestServer start(UnaryOperator<ServerConfig.Builder> adjust) {
    Path dataDir = TempDirs.create("sluice-it-");
    ServerConfig config = adjust.apply(ServerConfig.builder()
        .host("127.0.0.1")
        .port(0)
        .dataDir(dataDir))
        .build();
    boolean ownsDataDir = dataDir.equals(config.dataDir());
    if (!ownsDataDir) {
      TempDirs.delete(dataDir);
    }
    return start(config, ownsDataDir);
  }

  private static TestServer start(ServerConfig config, boolean ownsDataDir) {
    try {
      SluiceServer server = SluiceServer.start(config);
      return new TestServer(config.dataDir(), ownsDataDir, server.endpoint(), server);
    } catch (RuntimeException e) {
      if (ownsDataDir) {
        TempDirs.delete(config.dataDir());
      }
      throw e;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    try {
      running.close();
    } catch (Exception e) {
      throw new IllegalStateException("server did not stop cleanly", e);
    } finally {
      if (ownsDataDir) {
        TempDirs.delete(dataDir);
      }
    }
  }

  /** Temporary directories for data dirs and scratch files, removed recursively. */
  public static final class TempDirs {
    private TempDirs() {}

    public static Path create(String prefix) {
      try {
        return Files.createTempDirectory(prefix);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public static void delete(Path dir) {
      if (dir == null || !Files.exists(dir)) {
        return;
      }
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
