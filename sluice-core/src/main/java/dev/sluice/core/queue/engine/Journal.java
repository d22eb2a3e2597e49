package dev.sluice.core.queue.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Receives every state change the engine makes, so that a durable store can write it.
 *
 * <p>Ordering: the engine calls {@link #write} while it holds the lock of the queue the changes
 * belong to, so for one queue the call order is the order in which the changes happened; a store
 * must write them in call order. A move between queues (dead-letter moves, message move tasks) is
 * one call holding the source's {@code MessageRemoved} and the target's {@code MessageAppended},
 * made under the target's lock; such a call must be written atomically.
 */
public interface Journal {

  /** No journal: nothing is recorded and every write is complete at once (the memory store). */
  Journal NONE = new Journal() {
    private final CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<Void> write(List<Change> changes, boolean durable) {
      return done;
    }

    @Override
    public boolean isRecording() {
      return false;
    }
  };

  /**
   * Accepts changes for writing. Must not block and must not call back into the engine. The list
   * is the journal's to keep.
   *
   * @param durable true when the returned future must complete only once the changes are on
   *     stable storage (they survive a power loss): sends, queue changes, FIFO deletes. False when
   *     it may complete once they are written, at least to the operating system (they survive a
   *     crash of the process, not necessarily of the machine), still in order: standard-queue
   *     deletes, which the engine answers then, and changes SQS allows to lose (receive leases,
   *     retention drops, expired de-duplication records), for which it does not wait at all
   * @return completes once written (durably, when asked); the engine completes its callers'
   *     futures from it, so they complete on the journal's thread
   */
  CompletableFuture<Void> write(List<Change> changes, boolean durable);

  /** False when writes are discarded anyway: the engine then does not build change records. */
  default boolean isRecording() {
    return true;
  }
}
