package dev.sluice.server;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.mappings.EventSourceMappingService;
import dev.sluice.functions.mappings.JsonFileMappingStore;
import dev.sluice.functions.mappings.MappedFunctions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SQS event-source mappings of a server: stored beside the function definitions (in {@code
 * <functionsDir>/event-source-mappings}, a temporary folder with the memory store), polled by
 * future chains on two small threads (a waiting long poll holds none).
 */
final class EventSourceMappings implements AutoCloseable {

  static final String FOLDER = "event-source-mappings";

  private final EventSourceMappingService service;
  private final ExecutorService executor;

  private EventSourceMappings(EventSourceMappingService service, ExecutorService executor) {
    this.service = service;
    this.executor = executor;
  }

  static EventSourceMappings open(QueueService queues, FunctionService functions,
      TimeSource time) {
    ExecutorService executor = executor();
    EventSourceMappingService service = new EventSourceMappingService(
        new JsonFileMappingStore(functions.settings().functionsDir().resolve(FOLDER)),
        queues, MappedFunctions.of(functions), new EventPatternRecordFilters(), time, executor);
    service.start();
    return new EventSourceMappings(service, executor);
  }

  EventSourceMappingService service() {
    return service;
  }

  @Override
  public void close() {
    service.close();
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ExecutorService executor() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "sluice-mappings-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
