package dev.sluice.store.embedded.comparison;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.ArtemisConstants;
import org.apache.activemq.artemis.core.io.nio.NIOSequentialFileFactory;
import org.apache.activemq.artemis.core.journal.PreparedTransactionInfo;
import org.apache.activemq.artemis.core.journal.RecordInfo;
import org.apache.activemq.artemis.core.journal.impl.JournalImpl;

/**
 * The ActiveMQ Artemis message journal (NIO, buffered, sync appends). It groups concurrent sync
 * appends in its timed buffer. It is append-only: no read by key, and loading returns every live
 * record with its data, so {@link #get} is unsupported and recovery reads all bodies.
 */
final class ArtemisJournalCandidate implements StorageEngineComparison.Candidate {

  private static final byte RECORD = 1;
  private final int bufferTimeoutNanos;
  private final AtomicLong transactionIds = new AtomicLong(1L << 40);
  private List<RecordInfo> loaded;
  private JournalImpl journal;

  ArtemisJournalCandidate(long fsyncNanos) {
    // why: like `artemis create`, size the buffer timeout to the disk's measured sync time (the
    // NIO default, 3.3 ms, would cap one writer at ~300 syncs/s on any disk).
    this.bufferTimeoutNanos = (int) Math.max(fsyncNanos, 10_000);
  }

  @Override
  public String name() {
    return "Artemis journal";
  }

  @Override
  public void open(Path dir) throws Exception {
    var files = new NIOSequentialFileFactory(dir.toFile(), true,
        ArtemisConstants.DEFAULT_JOURNAL_BUFFER_SIZE_NIO, bufferTimeoutNanos, 1, false);
    journal = new JournalImpl(10 * 1024 * 1024, 2, 10, 10, 30, files, "sluice", "jrn", 1);
    journal.start();
    loaded = new ArrayList<>();
    journal.load(loaded, new ArrayList<PreparedTransactionInfo>(), null, false);
  }

  @Override
  public void put(long key, byte[] value) throws Exception {
    journal.appendAddRecord(key, RECORD, value, true);
  }

  @Override
  public void putBatch(long[] keys, byte[][] values) throws Exception {
    long tx = transactionIds.incrementAndGet();
    for (int i = 0; i < keys.length; i++) {
      journal.appendAddRecordTransactional(tx, keys[i], RECORD, values[i]);
    }
    journal.appendCommitRecord(tx, true);
  }

  @Override
  public void update(long key, byte[] value) throws Exception {
    journal.appendUpdateRecord(key, RECORD, value, true);
  }

  @Override
  public void delete(long key) throws Exception {
    journal.appendDeleteRecord(key, true);
  }

  @Override
  public byte[] get(long key) {
    return null;
  }

  /** Recovery is the load in {@link #open}: it hands back every live record with its data. */
  @Override
  public long scan() {
    return loaded.stream().filter(r -> !r.isUpdate).count();
  }

  @Override
  public void close() throws Exception {
    journal.stop();
  }
}
