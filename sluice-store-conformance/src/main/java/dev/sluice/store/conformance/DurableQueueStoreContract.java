package dev.sluice.store.conformance;

import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.ManualTimeSource;
import org.junit.jupiter.api.Nested;

/**
 * {@link QueueStoreContract} plus what a durable store adds: a store closed and opened again on
 * the same data keeps its queues, messages and their state, FIFO order and de-duplication ids.
 * (Crash safety under {@code kill -9} needs a child process and is each store's own test.)
 */
public abstract class DurableQueueStoreContract extends QueueStoreContract {

  /**
   * Closes {@code store} and opens a new store on the same data (directory, database), on the
   * same clock. {@code store} is one this test class created with {@link #newStore} or reopen.
   */
  protected abstract QueueStore reopen(QueueStore store, ManualTimeSource time);

  @Nested
  class Reopening extends ReopenBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return DurableQueueStoreContract.this.newStore(time);
    }

    @Override
    protected QueueStore reopen(QueueStore store, ManualTimeSource time) {
      return DurableQueueStoreContract.this.reopen(store, time);
    }
  }
}
