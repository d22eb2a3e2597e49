package dev.sluice.store.embedded;

import dev.sluice.core.queue.engine.PayloadSource;
import dev.sluice.core.queue.store.MessageData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.rocksdb.RocksDBException;

/**
 * Reads message payloads on delivery. The engine asks only after the send that wrote the payload
 * completed, so the payload is in RocksDB (memtable, block cache or disk) by then.
 */
final class RocksPayloads implements PayloadSource {

  private final RocksDatabase database;
  private final LongAdder reads = new LongAdder();

  RocksPayloads(RocksDatabase database) {
    this.database = database;
  }

  @Override
  public MessageData load(long queueId, long sequence) {
    reads.increment();
    try {
      byte[] value = database.get(Table.PAYLOADS, Keys.message(queueId, sequence));
      return value == null ? null : MessageDataCodec.decode(value);
    } catch (RocksDBException e) {
      throw new UncheckedIOException(new IOException(
          "Cannot read the payload of message " + sequence + " of queue " + queueId, e));
    }
  }

  /** One multi-get: RocksDB finds neighbouring keys (a receive's messages) in one pass. */
  @Override
  public List<MessageData> loadAll(long queueId, long[] sequences) {
    reads.add(sequences.length);
    List<byte[]> keys = new ArrayList<>(sequences.length);
    for (long sequence : sequences) {
      keys.add(Keys.message(queueId, sequence));
    }
    try {
      List<byte[]> values = database.getAll(Table.PAYLOADS, keys);
      List<MessageData> loaded = new ArrayList<>(values.size());
      for (byte[] value : values) {
        loaded.add(value == null ? null : MessageDataCodec.decode(value));
      }
      return loaded;
    } catch (RocksDBException e) {
      throw new UncheckedIOException(new IOException(
          "Cannot read the payloads of " + sequences.length + " messages of queue " + queueId, e));
    }
  }

  /** Payloads read so far (tests check that idle paths read none). */
  long reads() {
    return reads.sum();
  }
}
