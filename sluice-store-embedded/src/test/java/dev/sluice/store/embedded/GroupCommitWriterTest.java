package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rocksdb.WriteBatch;

class GroupCommitWriterTest {

  private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);

  @TempDir Path directory;
  private RocksDatabase database;
  private GroupCommitWriter writer;

  @BeforeEach
  void open() throws Exception {
    database = RocksDatabase.open(directory);
    writer = new GroupCommitWriter(database);
  }

  @AfterEach
  void close() {
    writer.close();
    database.close();
  }

  @Test
  void a_durable_write_is_readable_once_its_future_completes() throws Exception {
    writer.submit(List.of(put(1, "one")), true).get(5, TimeUnit.SECONDS);

    assertThat(database.get(Table.PAYLOADS, key(1))).asString(StandardCharsets.UTF_8).isEqualTo("one");
  }

  @Test
  void submissions_are_written_in_order() throws Exception {
    writer.submit(List.of(put(1, "first")), false);
    writer.submit(List.of(put(1, "second")), false);
    writer.submit(List.of(put(2, "gone")), false);
    writer.submit(List.of(new WriteOp.Delete(Table.PAYLOADS, key(2))), true).get(5, TimeUnit.SECONDS);

    assertThat(database.get(Table.PAYLOADS, key(1))).asString(StandardCharsets.UTF_8).isEqualTo("second");
    assertThat(database.get(Table.PAYLOADS, key(2))).isNull();
  }

  @Test
  void concurrent_durable_writers_share_commits() throws Exception {
    int writers = 8;
    int perWriter = 300;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writerId = w;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            // Each writer waits for its acknowledgement, like a client waiting for its response.
            writer.submit(List.of(put(writerId * 1_000_000L + i, "v")), true).get(5, TimeUnit.SECONDS);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }

    assertThat(writer.commits()).isLessThan(writers * perWriter);
    assertThat(database.get(Table.PAYLOADS, key(7_000_000L + perWriter - 1))).isNotNull();
  }

  @Test
  void a_write_without_fsync_is_synced_by_the_first_group_after_the_limit() throws Exception {
    AtomicLong nanos = new AtomicLong();
    GroupCommitWriter timed = replaceWriter(nanos, HOUR_NANOS);

    timed.submit(List.of(put(1, "lazy")), false).get(5, TimeUnit.SECONDS);
    timed.submit(List.of(put(2, "still within the limit")), false).get(5, TimeUnit.SECONDS);
    assertThat(timed.syncs()).isZero();

    nanos.addAndGet(HOUR_NANOS);
    timed.submit(List.of(put(3, "after it")), false).get(5, TimeUnit.SECONDS);
    assertThat(timed.syncs()).isEqualTo(1);
  }

  @Test
  void a_durable_group_syncs_the_writes_before_it_with_one_fsync() throws Exception {
    GroupCommitWriter timed = replaceWriter(new AtomicLong(), HOUR_NANOS);

    timed.submit(List.of(put(1, "lazy")), false).get(5, TimeUnit.SECONDS);
    timed.submit(List.of(put(2, "durable")), true).get(5, TimeUnit.SECONDS);

    assertThat(timed.syncs()).isEqualTo(1);
    timed.close();
    assertThat(timed.syncs()).as("nothing left to sync at close").isEqualTo(1);
  }

  @Test
  void a_write_without_fsync_is_synced_when_nothing_follows_it() throws Exception {
    GroupCommitWriter immediate = replaceWriter(new AtomicLong(), 0);

    immediate.submit(List.of(put(1, "lazy")), false).get(5, TimeUnit.SECONDS);
    assertThat(immediate.callerWrites()).isEqualTo(1);

    // The committer may be waiting without a deadline: the caller's write must wake it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (immediate.syncs() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(immediate.syncs()).isEqualTo(1);
  }

  @Test
  void closing_syncs_writes_left_without_fsync() throws Exception {
    GroupCommitWriter timed = replaceWriter(new AtomicLong(), HOUR_NANOS);
    timed.submit(List.of(put(1, "lazy")), false).get(5, TimeUnit.SECONDS);

    timed.close();

    assertThat(timed.syncs()).isEqualTo(1);
  }

  /** A writer on a clock the test moves, in place of the default one. */
  private GroupCommitWriter replaceWriter(AtomicLong nanos, long unsyncedLimitNanos) {
    writer.close();
    writer = new GroupCommitWriter(database, GroupCommitWriter.Acknowledgement.forThisMachine(),
        nanos::get, unsyncedLimitNanos);
    return writer;
  }

  @Test
  void futures_complete_on_a_store_thread_not_the_callers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EmbeddedQueueStoreTest.occupyStoreThread(
        () -> writer.submit(List.of(put(1, "x")), true), release);

    CompletableFuture<Void> written = writer.submit(List.of(put(2, "y")), true);
    CompletableFuture<String> thread = written.thenApply(ignored -> Thread.currentThread().getName());
    assertThat(written).isNotDone();
    release.countDown();

    assertThat(thread.get(5, TimeUnit.SECONDS))
        .startsWith(EmbeddedQueueStoreTest.STORE_THREAD_PREFIX);
  }

  @Test
  void a_lone_write_is_acknowledged_by_the_committer_without_a_hand_off() throws Exception {
    String caller = Thread.currentThread().getName();
    String completer = caller;
    // A future already complete when the continuation is attached runs it here: try again, a
    // bounded number of times (a writer that always finished first would fail, not hang).
    for (int attempt = 0; attempt < 100 && completer.equals(caller); attempt++) {
      completer = writer.submit(List.of(put(1, "x")), true)
          .thenApply(ignored -> Thread.currentThread().getName())
          .get(5, TimeUnit.SECONDS);
    }

    assertThat(completer).isEqualTo("sluice-embedded-commit");
  }

  @Test
  void a_write_without_fsync_to_an_idle_writer_is_made_by_the_caller() throws Exception {
    GroupCommitWriter timed = replaceWriter(new AtomicLong(), HOUR_NANOS);

    CompletableFuture<Void> written = timed.submit(List.of(put(1, "lazy")), false);

    assertThat(written).isCompleted();
    assertThat(timed.callerWrites()).isEqualTo(1);
    assertThat(database.get(Table.PAYLOADS, key(1))).asString(StandardCharsets.UTF_8).isEqualTo("lazy");
    assertThat(timed.syncs()).isZero();
  }

  @Test
  void past_the_limit_the_committer_writes_and_syncs_instead_of_the_caller() throws Exception {
    AtomicLong nanos = new AtomicLong();
    GroupCommitWriter timed = replaceWriter(nanos, HOUR_NANOS);
    timed.submit(List.of(put(1, "lazy")), false);
    assertThat(timed.callerWrites()).isEqualTo(1);

    nanos.addAndGet(HOUR_NANOS);
    timed.submit(List.of(put(2, "after the limit")), false).get(5, TimeUnit.SECONDS);

    assertThat(timed.callerWrites()).isEqualTo(1);
    assertThat(timed.syncs()).isEqualTo(1);
  }

  @Test
  void a_write_without_fsync_that_would_stall_goes_to_the_committer() throws Exception {
    database.pauseBackgroundWork();
    CompletableFuture<Void> lazy;
    try {
      fillMemtablesUntilWritesStall();

      // Submitted from another thread, so that a caller stuck in the stall fails the test.
      lazy = CompletableFuture.supplyAsync(() -> writer.submit(List.of(put(1, "x")), false))
          .get(5, TimeUnit.SECONDS);

      assertThat(lazy).as("the committer waits out the stall, the caller does not").isNotDone();
      assertThat(writer.callerWrites()).isZero();
    } finally {
      database.resumeBackgroundWork();
    }
    lazy.get(10, TimeUnit.SECONDS);
    assertThat(database.get(Table.PAYLOADS, key(1))).asString(StandardCharsets.UTF_8).isEqualTo("x");
  }

  /** With flushes paused, full memtables stop writes: write until a write would stall. */
  private void fillMemtablesUntilWritesStall() throws Exception {
    byte[] value = new byte[64 << 10];
    for (long sequence = 1_000; sequence < 10_000; sequence++) {
      try (WriteBatch batch = new WriteBatch()) {
        database.add(batch, new WriteOp.Put(Table.PAYLOADS, key(sequence), value));
        if (!database.writeLazilyUnlessStalled(batch)) {
          return;
        }
      }
    }
    throw new AssertionError("writes never stalled");
  }

  @Test
  void a_write_without_fsync_waits_behind_unfinished_writes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EmbeddedQueueStoreTest.occupyStoreThread(
        () -> writer.submit(List.of(put(1, "durable")), true), release);

    CompletableFuture<Void> lazy = writer.submit(List.of(put(1, "lazy, after it")), false);
    assertThat(lazy).isNotDone();
    release.countDown();
    lazy.get(5, TimeUnit.SECONDS);

    assertThat(writer.callerWrites()).isZero();
    assertThat(database.get(Table.PAYLOADS, key(1)))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("lazy, after it");
  }

  @ParameterizedTest
  @EnumSource(GroupCommitWriter.Acknowledgement.class)
  void groups_are_acknowledged_in_the_order_they_were_written(
      GroupCommitWriter.Acknowledgement acknowledgement) throws Exception {
    writer.close();
    writer = new GroupCommitWriter(database, acknowledgement);
    // Some groups complete on the committer, some on the acknowledger: the order must hold anyway.
    List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    int writes = 2_000;
    for (int i = 0; i < writes; i++) {
      int index = i;
      futures.add(writer.submit(List.of(put(i % 50, "v" + i)), i % 7 == 0)
          .thenRun(() -> acknowledged.add(index)));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertThat(acknowledged).isSorted().hasSize(writes);
  }

  @Test
  void on_one_cpu_the_committer_acknowledges_every_group_itself() throws Exception {
    writer.close();
    writer = new GroupCommitWriter(database, GroupCommitWriter.Acknowledgement.BY_COMMITTER);
    String caller = Thread.currentThread().getName();
    Set<String> completers = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      futures.add(writer.submit(List.of(put(i % 50, "v" + i)), true)
          .thenRun(() -> completers.add(Thread.currentThread().getName())));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    // A future already complete when its continuation was attached ran it on the caller.
    assertThat(completers).contains("sluice-embedded-commit")
        .isSubsetOf("sluice-embedded-commit", caller);
  }

  @Test
  void closing_writes_everything_already_submitted() throws Exception {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      futures.add(writer.submit(List.of(put(i, "v" + i)), false));
    }

    writer.close();

    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    database.close();
    database = RocksDatabase.open(directory);
    assertThat(database.get(Table.PAYLOADS, key(999))).asString(StandardCharsets.UTF_8).isEqualTo("v999");
  }

  @Test
  void a_submission_after_close_fails_instead_of_hanging() {
    writer.close();

    CompletableFuture<Void> late = writer.submit(List.of(put(1, "late")), true);

    assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_range_delete_drops_one_queue_and_keeps_its_neighbours() throws Exception {
    writer.submit(List.of(
        new WriteOp.Put(Table.PAYLOADS, Keys.message(1, 5), bytes("a")),
        new WriteOp.Put(Table.PAYLOADS, Keys.message(2, 5), bytes("b")),
        new WriteOp.Put(Table.PAYLOADS, Keys.message(3, 5), bytes("c"))), false);
    writer.submit(List.of(new WriteOp.DeleteRange(Table.PAYLOADS, Keys.queueStart(2), Keys.queueEnd(2))), true)
        .get(5, TimeUnit.SECONDS);

    assertThat(database.get(Table.PAYLOADS, Keys.message(1, 5))).isNotNull();
    assertThat(database.get(Table.PAYLOADS, Keys.message(2, 5))).isNull();
    assertThat(database.get(Table.PAYLOADS, Keys.message(3, 5))).isNotNull();
  }

  private static WriteOp put(long sequence, String value) {
    return new WriteOp.Put(Table.PAYLOADS, key(sequence), bytes(value));
  }

  private static byte[] key(long sequence) {
    return Keys.message(1, sequence);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
