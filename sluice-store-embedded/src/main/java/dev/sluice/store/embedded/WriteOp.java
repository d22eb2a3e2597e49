package dev.sluice.store.embedded;

/** One encoded RocksDB write, built on the caller's thread: the commit thread only copies bytes. */
sealed interface WriteOp {

  Table table();

  /** Payload bytes, for sizing write groups. */
  int size();

  record Put(Table table, byte[] key, byte[] value) implements WriteOp {
    @Override
    public int size() {
      return key.length + value.length;
    }
  }

  record Delete(Table table, byte[] key) implements WriteOp {
    @Override
    public int size() {
      return key.length;
    }
  }

  /** Deletes keys in [from, to). */
  record DeleteRange(Table table, byte[] from, byte[] to) implements WriteOp {
    @Override
    public int size() {
      return from.length + to.length;
    }
  }
}
