package dev.sluice.store.embedded.comparison;

import java.nio.file.Path;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** RocksDB with default options, WAL on, every write {@code sync=true}. */
final class RocksDbCandidate implements StorageEngineComparison.Candidate {

  private Options options;
  private WriteOptions sync;
  private RocksDB db;

  @Override
  public String name() {
    return "RocksDB";
  }

  @Override
  public void open(Path dir) throws Exception {
    RocksDB.loadLibrary();
    options = new Options().setCreateIfMissing(true);
    sync = new WriteOptions().setSync(true);
    db = RocksDB.open(options, dir.toString());
  }

  @Override
  public void put(long key, byte[] value) throws Exception {
    db.put(sync, StorageEngineComparison.key(key), value);
  }

  @Override
  public void putBatch(long[] keys, byte[][] values) throws Exception {
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < keys.length; i++) {
        batch.put(StorageEngineComparison.key(keys[i]), values[i]);
      }
      db.write(sync, batch);
    }
  }

  @Override
  public void update(long key, byte[] value) throws Exception {
    put(key, value);
  }

  @Override
  public void delete(long key) throws Exception {
    db.delete(sync, StorageEngineComparison.key(key));
  }

  @Override
  public byte[] get(long key) throws Exception {
    return db.get(StorageEngineComparison.key(key));
  }

  @Override
  public long scan() {
    long count = 0;
    try (RocksIterator it = db.newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (it.value().length > 0) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public void close() {
    db.close();
    sync.close();
    options.close();
  }
}
