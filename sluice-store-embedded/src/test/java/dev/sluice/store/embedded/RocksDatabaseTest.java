package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

class RocksDatabaseTest {

  private static final int PAYLOAD_BYTES = 1024;
  private static final int BATCH = 1_000;
  private static final long QUEUE_ID = 1;

  @TempDir Path directory;

  /**
   * A synced write into a recycled WAL file costs one disk round trip less than into a fresh one
   * (see {@link RocksDatabase#WAL_FILES_RECYCLED}). Once the WAL limit's worth has been written,
   * new WAL files must be old ones reused, not new files: their inodes repeat.
   */
  @Test
  void onceTheWalLimitIsWrittenNewWalFilesAreRecycledOnes() throws Exception {
    Set<Object> inodesAfterFirstCycle = new HashSet<>();
    Set<Object> inodesOfFirstCycle = new HashSet<>();
    try (RocksDatabase database = RocksDatabase.open(directory)) {
      // A queue record, as a real store has: it keeps the first WAL file alive until the limit
      // forces a flush of every family.
      write(database, new WriteOp.Put(Table.QUEUES, Keys.queue(QUEUE_ID), new byte[64]));
      long written = 0;
      long sequence = 0;
      while (written < 3 * RocksDatabase.MAX_WAL_BYTES) {
        try (WriteBatch batch = new WriteBatch()) {
          for (int i = 0; i < BATCH; i++, sequence++) {
            byte[] key = Keys.message(QUEUE_ID, sequence);
            database.add(batch, new WriteOp.Put(Table.PAYLOADS, key, new byte[PAYLOAD_BYTES]));
            database.add(batch, new WriteOp.Put(Table.MESSAGE_STATES, key, new byte[32]));
          }
          database.write(batch, false);
        }
        written += (long) BATCH * (PAYLOAD_BYTES + 32);
        (written < 1.5 * RocksDatabase.MAX_WAL_BYTES ? inodesOfFirstCycle : inodesAfterFirstCycle)
            .addAll(walInodes());
      }
    }
    inodesAfterFirstCycle.removeAll(inodesOfFirstCycle);
    assertThat(inodesAfterFirstCycle)
        .as("WAL files created after the first cycle instead of reusing old ones")
        .hasSizeLessThanOrEqualTo(1);
  }

  private static void write(RocksDatabase database, WriteOp op) throws Exception {
    try (WriteBatch batch = new WriteBatch()) {
      database.add(batch, op);
      database.write(batch, false);
    }
  }

  private Set<Object> walInodes() throws IOException {
    Set<Object> inodes = new HashSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        try {
          inodes.add(Files.getAttribute(file, "unix:ino"));
        } catch (NoSuchFileException gone) {
          // recycled or deleted between the listing and now
        }
      }
    }
    return inodes;
  }
}
