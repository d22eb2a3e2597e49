package dev.sluice.store.embedded.comparison;

import java.nio.file.Path;
import java.util.Iterator;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** H2's MVStore used directly (no SQL): each write is a commit (a new chunk) plus a file sync. */
final class H2MvStoreCandidate implements StorageEngineComparison.Candidate {

  private MVStore store;
  private MVMap<Long, byte[]> map;

  @Override
  public String name() {
    return "H2 MVStore";
  }

  @Override
  public void open(Path dir) {
    store = new MVStore.Builder().fileName(dir.resolve("data.mv.db").toString()).autoCommitDisabled().open();
    map = store.openMap("records");
  }

  private void commit() {
    store.commit();
    store.sync();
  }

  @Override
  public void put(long key, byte[] value) {
    map.put(key, value);
    commit();
  }

  @Override
  public void putBatch(long[] keys, byte[][] values) {
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], values[i]);
    }
    commit();
  }

  @Override
  public void update(long key, byte[] value) {
    put(key, value);
  }

  @Override
  public void delete(long key) {
    map.remove(key);
    commit();
  }

  @Override
  public byte[] get(long key) {
    return map.get(key);
  }

  @Override
  public long scan() {
    long count = 0;
    for (Iterator<byte[]> it = map.values().iterator(); it.hasNext(); ) {
      if (it.next().length > 0) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() {
    store.close();
  }
}
