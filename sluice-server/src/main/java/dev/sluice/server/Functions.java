package dev.sluice.server;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.async.DestinationSender;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.FunctionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The function service of a server, beside its queues. Functions live in {@code
 * <dataDir>/functions} with the embedded store; the memory store keeps nothing across restarts,
 * so its functions live in a temporary folder removed on close.
 */
final class Functions implements AutoCloseable {

  private final FunctionService service;
  private final Path temporaryDir;

  private Functions(FunctionService service, Path temporaryDir) {
    this.service = service;
    this.temporaryDir = temporaryDir;
  }

  /** @param endpoint where the server listens: functions reach Sluice there (AWS_ENDPOINT_URL) */
  static Functions open(ServerConfig config, TimeSource time, URI endpoint) {
    return open(config, time, endpoint, DestinationSender.NONE);
  }

  /** Same, with Lambda's SQS destinations sent to the server's {@code queues}. */
  static Functions open(ServerConfig config, TimeSource time, URI endpoint, QueueService queues) {
    return open(config, time, endpoint, new SqsDestinationSender(queues));
  }

  private static Functions open(
      ServerConfig config, TimeSource time, URI endpoint, DestinationSender destinations) {
    Path temporary = config.store() == StoreKind.EMBEDDED ? null : temporaryDataDir();
    Path dataDir = temporary == null ? config.dataDir() : temporary;
    FunctionSettings settings = FunctionSettings.of(dataDir, config.accountId(),
            config.region(), AwsProtocols.fallbackBaseUrl(endpoint))
        .withConcurrencyLimit(config.functionConcurrency())
        .withIdleTimeout(config.functionIdleTimeout())
        .withLogsMaxBytes(config.logsMaxSize());
    FunctionService service = FunctionService.open(settings, time, destinations);
    return new Functions(service, temporary);
  }

  FunctionService service() {
    return service;
  }

  @Override
  public void close() {
    service.close();
    if (temporaryDir != null) {
      try (Stream<Path> paths = Files.walk(temporaryDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove " + temporaryDir, e);
      }
    }
  }

  private static Path temporaryDataDir() {
    try {
      return Files.createTempDirectory("sluice-functions-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a folder for functions", e);
    }
  }
}
