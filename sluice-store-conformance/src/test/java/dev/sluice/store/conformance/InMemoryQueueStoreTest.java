package dev.sluice.store.conformance;

import dev.sluice.core.queue.engine.InMemoryQueueStore;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.ManualTimeSource;

class InMemoryQueueStoreTest extends QueueStoreContract {

  @Override
  protected QueueStore newStore(ManualTimeSource time) {
    return new InMemoryQueueStore(time);
  }
}
