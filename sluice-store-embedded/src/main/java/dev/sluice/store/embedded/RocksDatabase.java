package dev.sluice.store.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB instance under the embedded store, with options tuned for queue traffic: short-lived
 * 1 KB payloads written once and usually deleted soon (most never leave the memtable), small state
 * records rewritten on every receive, and one writer at a time (see {@link GroupCommitWriter}).
 *
 * <p>Memory is bounded so that a million queued messages fit in the server's budget: one block
 * cache for every column family, with memtables charged to it, index and filter blocks inside it.
 */
final class RocksDatabase implements AutoCloseable {

  /** Block cache, memtables included. */
  static final long CACHE_BYTES = 64L << 20;
  /** Memtables of all column families together (charged to the cache). */
  static final long MEMTABLE_BUDGET_BYTES = 32L << 20;
  static final long PAYLOAD_MEMTABLE_BYTES = 16L << 20;
  static final long STATE_MEMTABLE_BYTES = 8L << 20;
  static final long SMALL_MEMTABLE_BYTES = 2L << 20;
  /** Uncompressed size of a payload table block (RocksDB's default is 4 KiB). */
  static final long PAYLOAD_BLOCK_BYTES = 16L << 10;
  /** Forces flushes of rarely written families (queues) so old WAL files can go. */
  static final long MAX_WAL_BYTES = 128L << 20;
  /**
   * Obsolete WAL files kept for reuse (see {@link #open}): as many as the WAL limit holds of the
   * files a payload memtable fills (about 17 MB each), so that once a store has written that much,
   * synced writes overwrite recycled files. With 4, a forced flush made about 8 files obsolete and
   * half the WAL files after it were fresh. The cost: an idle store keeps up to this many files.
   */
  static final long WAL_FILES_RECYCLED = MAX_WAL_BYTES / PAYLOAD_MEMTABLE_BYTES + 1;
  /** Even an idle store rewrites day-old files, dropping the tombstones of deleted messages. */
  static final long PERIODIC_COMPACTION_SECONDS = 24 * 3600;

  static {
    RocksNativeLibrary.load();
  }

  private final RocksDB db;
  private final Map<Table, ColumnFamilyHandle> families;
  /** Native objects to close after the database, in reverse order of creation. */
  private final Deque<AbstractNativeReference> resources;
  private final WriteOptions syncWrite;
  private final WriteOptions lazyWrite;
  private final WriteOptions lazyWriteUnlessStalled;
  private final ReadOptions scanRead;
  private final ReadOptions readAhead;
  /**
   * Reads and writes hold the read lock, close the write lock: a call into a closed RocksDB
   * handle would crash the JVM, and a late payload read (a receive racing shutdown) must not.
   */
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksDatabase(
      RocksDB db,
      Map<Table, ColumnFamilyHandle> families,
      Deque<AbstractNativeReference> resources) {
    this.db = db;
    this.families = families;
    this.resources = resources;
    this.syncWrite = keep(resources, new WriteOptions().setSync(true));
    // why: unsynced writes still reach the OS (the WAL is written on every write), so they survive
    // kill -9 of the process; only a machine crash can lose them.
    this.lazyWrite = keep(resources, new WriteOptions().setSync(false));
    this.lazyWriteUnlessStalled =
        keep(resources, new WriteOptions().setSync(false).setNoSlowdown(true));
    // why: recovery scans every state record once; keep them out of the block cache that
    // deliveries' payload reads need, and read ahead since the scan is sequential.
    this.scanRead =
        keep(resources, new ReadOptions().setFillCache(false).setReadaheadSize(2L << 20));
    // why: a read-ahead pass reads payloads once, in key order, and they are deleted soon after:
    // caching their blocks only evicts others (index and filter blocks) and costs an insert each.
    this.readAhead = keep(resources, new ReadOptions().setFillCache(false));
  }

  static RocksDatabase open(Path directory) throws RocksDBException, IOException {
    Files.createDirectories(directory);
    Deque<AbstractNativeReference> resources = new ArrayDeque<>();
    try {
      LRUCache cache = keep(resources, new LRUCache(CACHE_BYTES));
      WriteBufferManager memtables =
          keep(resources, new WriteBufferManager(MEMTABLE_BUDGET_BYTES, cache));
      DBOptions options = keep(resources, new DBOptions()
          .setCreateIfMissing(true)
          .setCreateMissingColumnFamilies(true)
          .setWriteBufferManager(memtables)
          .setMaxTotalWalSize(MAX_WAL_BYTES)
          .setMaxBackgroundJobs(2)
          .setBytesPerSync(1L << 20)
          .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
          .setKeepLogFileNum(3)
          .setMaxLogFileSize(8L << 20)
          // why: a synced write into a fresh (fallocated) WAL file also commits the file system's
          // metadata; overwriting a recycled file does not. fdatasync of a 10 KB append took
          // 0.23 ms on the bench machine, of an overwrite 0.12 ms: the whole wait of a send.
          .setRecycleLogFileNum(WAL_FILES_RECYCLED));

      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY,
          keep(resources, familyOptions(resources, cache, SMALL_MEMTABLE_BYTES, false))));
      for (Table table : Table.values()) {
        descriptors.add(new ColumnFamilyDescriptor(
            table.familyName(), keep(resources, optionsFor(table, resources, cache))));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, directory.toString(), descriptors, handles);
      Map<Table, ColumnFamilyHandle> families = new EnumMap<>(Table.class);
      for (Table table : Table.values()) {
        families.put(table, handles.get(table.ordinal() + 1));
      }
      handles.get(0).close();
      return new RocksDatabase(db, families, resources);
    } catch (RocksDBException | RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private static ColumnFamilyOptions optionsFor(
      Table table, Deque<AbstractNativeReference> resources, LRUCache cache) {
    return switch (table) {
      case PAYLOADS -> familyOptions(resources, cache, PAYLOAD_MEMTABLE_BYTES, true)
          .setPeriodicCompactionSeconds(PERIODIC_COMPACTION_SECONDS);
      case MESSAGE_STATES -> familyOptions(resources, cache, STATE_MEMTABLE_BYTES, false)
          .setPeriodicCompactionSeconds(PERIODIC_COMPACTION_SECONDS);
      case QUEUES, DEDUP -> familyOptions(resources, cache, SMALL_MEMTABLE_BYTES, false);
    };
  }

  /**
   * {@code payloads}: read on delivery, mostly by read-ahead passes in key order (see {@link
   * PayloadReadAhead}), sometimes one by one: a bloom filter pays for the point reads, and larger
   * blocks make a pass read, decompress and step through a quarter as many blocks.
   */
  private static ColumnFamilyOptions familyOptions(
      Deque<AbstractNativeReference> resources,
      LRUCache cache,
      long memtableBytes,
      boolean payloads) {
    BlockBasedTableConfig tables = new BlockBasedTableConfig()
        .setBlockCache(cache)
        .setCacheIndexAndFilterBlocks(true)
        .setPinL0FilterAndIndexBlocksInCache(true);
    if (payloads) {
      tables.setFilterPolicy(keep(resources, new BloomFilter(10)));
      tables.setBlockSize(PAYLOAD_BLOCK_BYTES);
    }
    return new ColumnFamilyOptions()
        .setWriteBufferSize(memtableBytes)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setLevelCompactionDynamicLevelBytes(true)
        .setTableFormatConfig(tables);
  }

  private static <T extends AbstractNativeReference> T keep(
      Deque<AbstractNativeReference> resources, T resource) {
    resources.push(resource);
    return resource;
  }

  /** Writes the batch atomically; with {@code sync}, returns once it is on stable storage. */
  void write(WriteBatch batch, boolean sync) throws RocksDBException {
    write(sync ? syncWrite : lazyWrite, batch);
  }

  /**
   * Writes the batch without fsync, unless RocksDB would first have to slow the writer down or
   * stall it (memtables or level-0 files piling up): then writes nothing and returns false.
   */
  boolean writeLazilyUnlessStalled(WriteBatch batch) throws RocksDBException {
    try {
      write(lazyWriteUnlessStalled, batch);
      return true;
    } catch (RocksDBException e) {
      if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.Incomplete) {
        return false;
      }
      throw e;
    }
  }

  private void write(WriteOptions options, WriteBatch batch) throws RocksDBException {
    Lock open = lifecycle.readLock();
    open.lock();
    try {
      checkOpen();
      db.write(options, batch);
    } finally {
      open.unlock();
    }
  }

  /** Puts every write made so far, synced or not, on stable storage (fdatasync of the log). */
  void syncWal() throws RocksDBException {
    Lock open = lifecycle.readLock();
    open.lock();
    try {
      checkOpen();
      db.syncWal();
    } finally {
      open.unlock();
    }
  }

  void add(WriteBatch batch, WriteOp op) throws RocksDBException {
    ColumnFamilyHandle family = families.get(op.table());
    if (op instanceof WriteOp.Put put) {
      batch.put(family, put.key(), put.value());
    } else if (op instanceof WriteOp.Delete delete) {
      batch.delete(family, delete.key());
    } else if (op instanceof WriteOp.DeleteRange range) {
      batch.deleteRange(family, range.from(), range.to());
    }
  }

  /** As {@link #get}, for several keys of one table: the values in key order, null if absent. */
  List<byte[]> getAll(Table table, List<byte[]> keys) throws RocksDBException {
    Lock open = lifecycle.readLock();
    open.lock();
    try {
      checkOpen();
      return db.multiGetAsList(Collections.nCopies(keys.size(), families.get(table)), keys);
    } finally {
      open.unlock();
    }
  }

  /** Receives a scan's entries; returns false to stop it. */
  interface EntryVisitor {
    boolean visit(byte[] key, byte[] value);
  }

  /** Visits up to {@code limit} entries of a table from {@code from} (inclusive) below {@code to}. */
  void scan(Table table, byte[] from, byte[] to, int limit, EntryVisitor visitor)
      throws RocksDBException {
    Lock open = lifecycle.readLock();
    open.lock();
    try {
      checkOpen();
      try (RocksIterator cursor = db.newIterator(families.get(table), readAhead)) {
        cursor.seek(from);
        for (int visited = 0; visited < limit && cursor.isValid(); visited++) {
          byte[] key = cursor.key();
          if (Arrays.compareUnsigned(key, to) >= 0 || !visitor.visit(key, cursor.value())) {
            break;
          }
          cursor.next();
        }
        cursor.status();
      }
    } finally {
      open.unlock();
    }
  }

  /** Safe to call from any thread, also during or after close (then it throws, never crashes). */
  byte[] get(Table table, byte[] key) throws RocksDBException {
    Lock open = lifecycle.readLock();
    open.lock();
    try {
      checkOpen();
      return db.get(families.get(table), key);
    } finally {
      open.unlock();
    }
  }

  /** An iterator for a one-off sequential scan (recovery); the caller closes it. */
  RocksIterator scan(Table table) {
    return db.newIterator(families.get(table), scanRead);
  }

  /** Writes memtables to table files (a clean shutdown then restarts without replaying the WAL). */
  void flush() throws RocksDBException {
    try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
      db.flush(wait, new ArrayList<>(families.values()));
    }
  }

  /** Stops flushes and compactions until {@link #resumeBackgroundWork}: writes pile up (tests). */
  void pauseBackgroundWork() throws RocksDBException {
    db.pauseBackgroundWork();
  }

  void resumeBackgroundWork() throws RocksDBException {
    db.continueBackgroundWork();
  }

  /** Rewrites the table's files, dropping deleted records and their tombstones. */
  void compact(Table table) throws RocksDBException {
    db.compactRange(families.get(table));
  }

  /** Bytes in the table's files on disk (memtables not included). */
  long fileBytes(Table table) throws RocksDBException {
    return db.getLongProperty(families.get(table), "rocksdb.total-sst-files-size");
  }

  @Override
  public void close() {
    Lock exclusive = lifecycle.writeLock();
    exclusive.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      db.cancelAllBackgroundWork(true);
      families.values().forEach(ColumnFamilyHandle::close);
      db.close();
      closeAll(resources);
    } finally {
      exclusive.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The embedded store is closed: no more reads or writes");
    }
  }

  private static void closeAll(Deque<AbstractNativeReference> resources) {
    while (!resources.isEmpty()) {
      resources.pop().close();
    }
  }
}
