package dev.sluice.store.embedded;

import dev.sluice.core.queue.engine.Change;
import dev.sluice.core.queue.engine.Journal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's journal: encodes changes on the calling thread (so the committer only copies
 * bytes) and submits them for group commit in call order, which for one queue is the order the
 * changes happened (the engine calls under the queue's lock).
 */
final class RocksJournal implements Journal {

  private final GroupCommitWriter writer;

  RocksJournal(GroupCommitWriter writer) {
    this.writer = writer;
  }

  @Override
  public CompletableFuture<Void> write(List<Change> changes, boolean durable) {
    return writer.submit(ChangeEncoder.encode(changes), durable);
  }
}
