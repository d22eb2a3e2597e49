package dev.sluice.store.embedded;

import dev.sluice.core.queue.engine.PayloadSource;
import dev.sluice.core.queue.store.MessageData;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /** Payloads read so far (tests check that idle paths read none). */
  long reads() {
    return reads.sum();
  }
}
