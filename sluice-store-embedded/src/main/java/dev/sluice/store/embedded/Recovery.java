package dev.sluice.store.embedded;

import dev.sluice.core.queue.engine.QueueEngine;
import java.util.HashSet;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the engine from disk at startup: queues, then each message's small state (never a body:
 * those stay on disk until delivered), then FIFO de-duplication records. Keys sort by queue id and
 * sequence, which is the ascending order {@link QueueEngine#restoreMessage} wants.
 */
final class Recovery {

  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  /** What recovery found. */
  record Summary(int queues, long messages, long dedupRecords, int orphanQueues, long millis) {}

  private final RocksDatabase database;
  private final QueueEngine engine;
  private final Set<Long> queueIds = new HashSet<>();
  private final Set<Long> orphanQueueIds = new HashSet<>();
  /**
   * Messages come grouped by queue: remember the last verdict instead of a lookup per message.
   * 0 is never a queue id (the engine does not issue it).
   */
  private long lastQueueId = 0;
  private boolean lastWasOrphan;

  private Recovery(RocksDatabase database, QueueEngine engine) {
    this.database = database;
    this.engine = engine;
  }

  static Summary restore(RocksDatabase database, QueueEngine engine) throws RocksDBException {
    return new Recovery(database, engine).run();
  }

  private Summary run() throws RocksDBException {
    long start = System.nanoTime();
    restoreQueues();
    long messages = restoreMessages();
    long dedups = restoreDedupRecords();
    dropOrphans();
    engine.finishRecovery();
    Summary summary = new Summary(queueIds.size(), messages, dedups, orphanQueueIds.size(),
        (System.nanoTime() - start) / 1_000_000);
    log.info("Embedded store recovered {} queues, {} messages, {} de-duplication records in {} ms",
        summary.queues(), summary.messages(), summary.dedupRecords(), summary.millis());
    return summary;
  }

  private void restoreQueues() {
    try (RocksIterator it = database.scan(Table.QUEUES)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        long queueId = Keys.queueId(it.key());
        engine.restoreQueue(queueId, RecordCodecs.decodeQueue(it.value()));
        queueIds.add(queueId);
      }
    }
  }

  private long restoreMessages() {
    long count = 0;
    try (RocksIterator it = database.scan(Table.MESSAGE_STATES)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        long queueId = Keys.queueId(key);
        if (isOrphan(queueId)) {
          continue;
        }
        engine.restoreMessage(queueId, Keys.sequence(key), RecordCodecs.decodeState(it.value()));
        count++;
      }
    }
    return count;
  }

  private long restoreDedupRecords() {
    long count = 0;
    try (RocksIterator it = database.scan(Table.DEDUP)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        long queueId = Keys.queueId(key);
        if (isOrphan(queueId)) {
          continue;
        }
        engine.restoreDedup(queueId, RecordCodecs.decodeDedup(Keys.dedupKey(key), it.value()));
        count++;
      }
    }
    return count;
  }

  /**
   * Records of a queue that has no queue record. Writes are atomic batches, so this should never
   * happen; if it does (a damaged store), the records are unreachable and are dropped.
   */
  private boolean isOrphan(long queueId) {
    if (queueId == lastQueueId) {
      return lastWasOrphan;
    }
    lastQueueId = queueId;
    lastWasOrphan = !queueIds.contains(queueId);
    if (lastWasOrphan && orphanQueueIds.add(queueId)) {
      log.warn("Embedded store holds records of unknown queue id {}; dropping them", queueId);
    }
    return lastWasOrphan;
  }

  private void dropOrphans() throws RocksDBException {
    if (orphanQueueIds.isEmpty()) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (long queueId : orphanQueueIds) {
        for (Table table : Table.values()) {
          database.add(batch,
              new WriteOp.DeleteRange(table, Keys.queueStart(queueId), Keys.queueEnd(queueId)));
        }
      }
      database.write(batch, true);
    }
  }
}
