package dev.sluice.store.embedded;

import dev.sluice.core.queue.engine.Change;
import java.util.ArrayList;
import java.util.List;

/** Turns the engine's change records into RocksDB writes (see {@link Table} and {@link Keys}). */
final class ChangeEncoder {

  private static final List<Table> QUEUE_CONTENTS =
      List.of(Table.MESSAGE_STATES, Table.PAYLOADS, Table.DEDUP);

  private ChangeEncoder() {}

  static List<WriteOp> encode(List<Change> changes) {
    List<WriteOp> ops = new ArrayList<>(changes.size() * 2);
    for (Change change : changes) {
      encode(change, ops);
    }
    return ops;
  }

  // why: Java 17 has no pattern switch (preview only); an instanceof chain over the sealed type.
  private static void encode(Change change, List<WriteOp> ops) {
    long queueId = change.queueId();
    if (change instanceof Change.MessageAppended appended) {
      byte[] key = Keys.message(queueId, appended.sequence());
      ops.add(new WriteOp.Put(Table.PAYLOADS, key, MessageDataCodec.encode(appended.data())));
      ops.add(new WriteOp.Put(
          Table.MESSAGE_STATES, key, RecordCodecs.encodeState(appended.state())));
    } else if (change instanceof Change.MessageUpdated updated) {
      ops.add(new WriteOp.Put(Table.MESSAGE_STATES,
          Keys.message(queueId, updated.sequence()), RecordCodecs.encodeState(updated.state())));
    } else if (change instanceof Change.MessageRemoved removed) {
      byte[] key = Keys.message(queueId, removed.sequence());
      ops.add(new WriteOp.Delete(Table.MESSAGE_STATES, key));
      ops.add(new WriteOp.Delete(Table.PAYLOADS, key));
    } else if (change instanceof Change.MessagesPurged purged) {
      byte[] end = Keys.messagesUpTo(queueId, purged.upToSequence());
      ops.add(new WriteOp.DeleteRange(Table.MESSAGE_STATES, Keys.queueStart(queueId), end));
      ops.add(new WriteOp.DeleteRange(Table.PAYLOADS, Keys.queueStart(queueId), end));
    } else if (change instanceof Change.DedupPut put) {
      ops.add(new WriteOp.Put(Table.DEDUP,
          Keys.dedup(queueId, put.dedup().key()), RecordCodecs.encodeDedup(put.dedup())));
    } else if (change instanceof Change.DedupRemoved removed) {
      ops.add(new WriteOp.Delete(Table.DEDUP, Keys.dedup(queueId, removed.key())));
    } else if (change instanceof Change.QueuePut put) {
      ops.add(new WriteOp.Put(
          Table.QUEUES, Keys.queue(queueId), RecordCodecs.encodeQueue(put.queue())));
    } else if (change instanceof Change.QueueRemoved) {
      ops.add(new WriteOp.Delete(Table.QUEUES, Keys.queue(queueId)));
      for (Table table : QUEUE_CONTENTS) {
        ops.add(new WriteOp.DeleteRange(table, Keys.queueStart(queueId), Keys.queueEnd(queueId)));
      }
    } else {
      throw new IllegalArgumentException("Unknown change " + change);
    }
  }
}
