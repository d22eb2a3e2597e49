package dev.sluice.store.embedded;

import dev.sluice.core.queue.engine.PayloadSource;
import dev.sluice.core.queue.store.MessageData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.rocksdb.RocksDBException;

/**
 * Reads message payloads on delivery. The engine asks only after the send that wrote the payload
 * completed, so the payload is in RocksDB (memtable, block cache or disk) by then.
 */
final class RocksPayloads implements PayloadSource {

  private final RocksDatabase database;
  private final LongAdder reads = new LongAdder();
  private final PayloadReadAhead readAhead = new PayloadReadAhead();

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

  /**
   * From what was read ahead, else with one pass over the queue's keys from the lowest sequence
   * missing that no pass has reached yet, which reads ahead for the next receives (see {@link
   * PayloadReadAhead}); keys below that, and keys the pass does not reach (far apart: a
   * redelivery among new messages), with one multi-get.
   */
  @Override
  public List<MessageData> loadAll(long queueId, long[] sequences) {
    reads.add(sequences.length);
    MessageData[] loaded = new MessageData[sequences.length];
    Map<Long, Integer> wanted = new HashMap<>();
    long passed = readAhead.passedUpTo(queueId);
    long lowestUnpassed = Long.MAX_VALUE;
    for (int i = 0; i < sequences.length; i++) {
      byte[] value = readAhead.take(queueId, sequences[i]);
      if (value != null) {
        loaded[i] = MessageDataCodec.decode(value);
      } else {
        wanted.put(sequences[i], i);
        if (sequences[i] > passed) {
          lowestUnpassed = Math.min(lowestUnpassed, sequences[i]);
        }
      }
    }
    try {
      if (lowestUnpassed != Long.MAX_VALUE) {
        readFrom(queueId, lowestUnpassed, wanted, loaded);
      }
      if (!wanted.isEmpty()) {
        lookUp(queueId, wanted, loaded);
      }
    } catch (RocksDBException e) {
      throw new UncheckedIOException(new IOException(
          "Cannot read the payloads of " + sequences.length + " messages of queue " + queueId, e));
    }
    return Arrays.asList(loaded);
  }

  /** One pass from {@code lowest}: the wanted keys it meets are loaded, the others kept ahead. */
  private void readFrom(long queueId, long lowest, Map<Long, Integer> wanted, MessageData[] loaded)
      throws RocksDBException {
    int limit = wanted.size() + PayloadReadAhead.MESSAGES_PER_PASS;
    long[] last = {lowest};
    database.scan(Table.PAYLOADS, Keys.message(queueId, lowest), Keys.queueEnd(queueId), limit,
        (key, value) -> {
          long sequence = Keys.sequence(key);
          last[0] = sequence;
          Integer index = wanted.remove(sequence);
          if (index != null) {
            loaded[index] = MessageDataCodec.decode(value);
          } else {
            readAhead.keep(queueId, sequence, value);
          }
          return true;
        });
    readAhead.passed(queueId, last[0]);
  }

  private void lookUp(long queueId, Map<Long, Integer> wanted, MessageData[] loaded)
      throws RocksDBException {
    List<byte[]> keys = new ArrayList<>(wanted.size());
    List<Integer> indexes = new ArrayList<>(wanted.size());
    wanted.forEach((sequence, index) -> {
      keys.add(Keys.message(queueId, sequence));
      indexes.add(index);
    });
    List<byte[]> values = database.getAll(Table.PAYLOADS, keys);
    for (int i = 0; i < values.size(); i++) {
      byte[] value = values.get(i);
      loaded[indexes.get(i)] = value == null ? null : MessageDataCodec.decode(value);
    }
  }

  /** Payloads read so far (tests check that idle paths read none). */
  long reads() {
    return reads.sum();
  }
}
