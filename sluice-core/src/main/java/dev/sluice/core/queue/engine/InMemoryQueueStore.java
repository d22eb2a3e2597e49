package dev.sluice.core.queue.engine;

import dev.sluice.core.time.TimeSource;

/**
 * The memory store ({@code --store memory}, tests): the engine without a journal. Every future
 * completes before the call returns; nothing survives the process.
 */
public final class InMemoryQueueStore extends EngineQueueStore {

  /** How often messages past retention and old de-duplication ids are swept. */
  public static final long DEFAULT_HOUSEKEEPING_INTERVAL_MILLIS = 30_000;

  public InMemoryQueueStore(TimeSource time) {
    this(time, DEFAULT_HOUSEKEEPING_INTERVAL_MILLIS);
  }

  public InMemoryQueueStore(TimeSource time, long housekeepingIntervalMillis) {
    super(new QueueEngine(time, Journal.NONE, null));
    engine.startHousekeeping(housekeepingIntervalMillis);
  }

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public void close() {
    engine.close();
  }
}
