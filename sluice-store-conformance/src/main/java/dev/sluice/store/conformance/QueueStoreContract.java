package dev.sluice.store.conformance;

import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.ManualTimeSource;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link QueueStore} must show, through the SPI only. A store's test extends
 * this class and says how to open a fresh, empty store on a given clock:
 *
 * <pre>{@code
 * class InMemoryQueueStoreTest extends QueueStoreContract {
 *   protected QueueStore newStore(ManualTimeSource time) { return new InMemoryQueueStore(time); }
 * }
 * }</pre>
 *
 * <p>Each group of behaviours is its own class (so each reads on its own); the nested classes
 * here bind them to the store under test. Tests move the {@link ManualTimeSource} instead of
 * sleeping; a store must read time only from it and schedule its timers on it.
 */
public abstract class QueueStoreContract {

  /** A new, empty store that reads the time from (and schedules timers on) {@code time}. */
  protected abstract QueueStore newStore(ManualTimeSource time);

  @Nested
  class Queues extends QueueCrudBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }

  @Nested
  class StandardMessages extends StandardMessageBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }

  @Nested
  class ReceiptHandles extends ReceiptHandleBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }

  @Nested
  class FifoQueues extends FifoBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }

  @Nested
  class Deduplication extends DeduplicationBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }

  @Nested
  class DeadLetterQueues extends DeadLetterBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }

  @Nested
  class MessageMoves extends MoveMessagesBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }

  @Nested
  class LongPolls extends LongPollBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }

  @Nested
  class Concurrency extends ConcurrencyBehaviour {
    @Override
    protected QueueStore newStore(ManualTimeSource time) {
      return QueueStoreContract.this.newStore(time);
    }
  }
}
