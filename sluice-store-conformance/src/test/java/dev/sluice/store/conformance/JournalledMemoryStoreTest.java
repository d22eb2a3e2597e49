package dev.sluice.store.conformance;

import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.ManualTimeSource;

/**
 * Runs the durable contract against the engine's persistence hooks alone: journal changes written
 * to plain maps on a writer thread, recovery from those maps. Proves the hooks carry everything a
 * durable store needs, independent of any storage engine.
 */
class JournalledMemoryStoreTest extends DurableQueueStoreContract {

  @Override
  protected QueueStore newStore(ManualTimeSource time) {
    return new JournalledMemoryStore(time, new JournalledMemoryStore.Disk());
  }

  @Override
  protected QueueStore reopen(QueueStore store, ManualTimeSource time) {
    JournalledMemoryStore.Disk disk = ((JournalledMemoryStore) store).disk;
    store.close();
    return new JournalledMemoryStore(time, disk);
  }
}
