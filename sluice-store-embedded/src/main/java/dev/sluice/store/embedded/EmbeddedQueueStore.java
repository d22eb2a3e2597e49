package dev.sluice.store.embedded;

import dev.sluice.core.queue.engine.EngineQueueStore;
import dev.sluice.core.queue.engine.QueueEngine;
import dev.sluice.core.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store that runs inside the server (kind "embedded"): the core's {@link QueueEngine}
 * holds every queue's hot state in memory and answers from it; every change it makes goes to
 * RocksDB through one group-commit thread ({@link GroupCommitWriter}) before the caller is
 * answered. Message bodies live only on disk once written and are read when delivered, so memory
 * holds a few dozen bytes per queued message and a restart reads no bodies.
 *
 * <p>Threads: callers (Netty event loops) never wait for the disk. Their futures complete on the
 * store's acknowledger thread once the change is fsync'ed (receive leases: once written, without
 * fsync, as the SPI allows). Reading a payload on delivery is a RocksDB point read on the caller's
 * thread, usually served from memory (memtable or block cache); a receive on an empty queue reads
 * nothing.
 */
public final class EmbeddedQueueStore extends EngineQueueStore {

  public static final String KIND = "embedded";
  /**
   * How often the engine drops messages past retention and forgets old de-duplication ids (the
   * sweep visits every message, and retention is counted in minutes at least).
   */
  public static final long DEFAULT_HOUSEKEEPING_INTERVAL_MILLIS = 30_000;

  private static final Logger log = LoggerFactory.getLogger(EmbeddedQueueStore.class);

  private final Path directory;
  private final RocksDatabase database;
  private final GroupCommitWriter writer;
  private final RocksPayloads payloads;
  private final Recovery.Summary recovery;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedQueueStore(Path directory, RocksDatabase database, GroupCommitWriter writer,
      QueueEngine engine, RocksPayloads payloads, Recovery.Summary recovery) {
    super(engine);
    this.directory = directory;
    this.database = database;
    this.writer = writer;
    this.payloads = payloads;
    this.recovery = recovery;
  }

  /**
   * Opens (or creates) the store in {@code directory} and loads its queues and message states.
   * One process at a time: RocksDB locks the directory.
   */
  public static EmbeddedQueueStore open(Path directory, TimeSource time) throws IOException {
    return open(directory, time, DEFAULT_HOUSEKEEPING_INTERVAL_MILLIS);
  }

  /** As {@link #open(Path, TimeSource)}, sweeping expired messages at the given interval. */
  public static EmbeddedQueueStore open(
      Path directory, TimeSource time, long housekeepingIntervalMillis) throws IOException {
    RocksDatabase database;
    try {
      database = RocksDatabase.open(directory);
    } catch (RocksDBException e) {
      throw new IOException(
          "Cannot open the embedded store in " + directory + ": " + e.getMessage(), e);
    }
    GroupCommitWriter writer = new GroupCommitWriter(database);
    try {
      RocksPayloads payloads = new RocksPayloads(database);
      QueueEngine engine = new QueueEngine(time, new RocksJournal(writer), payloads,
          QueueEngine.DEFAULT_RETAINED_PAYLOAD_BYTES);
      Recovery.Summary recovery = Recovery.restore(database, engine);
      engine.startHousekeeping(housekeepingIntervalMillis);
      return new EmbeddedQueueStore(directory, database, writer, engine, payloads, recovery);
    } catch (RocksDBException | RuntimeException e) {
      writer.close();
      database.close();
      throw new IOException(
          "Cannot recover the embedded store in " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Where the store keeps its files. */
  public Path directory() {
    return directory;
  }

  /** What the last open found on disk. */
  Recovery.Summary recovery() {
    return recovery;
  }

  RocksDatabase database() {
    return database;
  }

  long payloadReads() {
    return payloads.reads();
  }

  long commits() {
    return writer.commits();
  }

  /** Writes every memtable to a table file, so the WAL files so far become obsolete (tests). */
  void flushMemtables() throws RocksDBException {
    database.flush();
  }

  /**
   * Stops the engine (waking long polls), writes every pending change, flushes memtables so the
   * next start need not replay the log, and closes RocksDB. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    engine.close();
    writer.close();
    try {
      database.flush();
    } catch (RocksDBException e) {
      // why: the WAL already holds everything; a failed flush only makes the next start replay it.
      log.warn("Flushing the embedded store on close failed; the next start replays the log", e);
    }
    database.close();
  }
}
