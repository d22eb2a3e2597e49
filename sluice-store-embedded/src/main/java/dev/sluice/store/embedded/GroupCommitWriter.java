package dev.sluice.store.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the store's writes go through one committer thread, which shares fsyncs.
 *
 * <p>Callers (the engine, under a queue lock, often on a Netty event loop) {@link #submit} encoded
 * writes and get a future at once; they never wait for the disk. The committer takes everything
 * that is pending, writes it as one atomic WriteBatch with one fsync (none if nothing in the group
 * asked for durability), then completes the group's futures. On a machine with more than one
 * CPU, when more writes wait, it hands that to an acknowledger thread instead: while callers'
 * continuations run there, the committer already writes the next group (see {@link
 * Acknowledgement}). The more requests arrive during an fsync, the more share the next one.
 *
 * <p>Writes without fsync skip the committer when it has nothing to do: the caller writes them
 * itself and gets a completed future. why: a drain's deletes are such writes, each taking a few
 * microseconds, and handing each to a parked committer and its answer back cost more than the
 * write: the wake-ups were 11% of the server's CPU in a receive+delete run. Only when nothing
 * submitted before is still unwritten or unacknowledged, so the order below holds; and never into
 * a RocksDB stall, which the committer waits out instead of the caller.
 *
 * <p>Order: submissions are written in submission order, so one queue's changes (submitted
 * under that queue's lock) reach the disk in the order they happened, lazy and durable alike.
 *
 * <p>Writes without fsync reach the operating system at once (they survive a crash of the
 * process) and stable storage within {@link #UNSYNCED_LIMIT_MILLIS}: by the next durable group's
 * fsync, by the first group written after the limit passed (it is fsync'ed whatever it holds), or,
 * when nothing more comes, by an fsync of its own. So a power loss can undo at most that much of
 * them.
 */
final class GroupCommitWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
  /** A group stops growing here, so one batch never holds the whole backlog of a burst. */
  static final int MAX_GROUP_BYTES = 8 << 20;
  /** How long a write may stay without fsync (see the class comment). */
  static final long UNSYNCED_LIMIT_MILLIS = 100;

  private static final long NOTHING_UNSYNCED = Long.MIN_VALUE;

  /** Who completes a group's futures when more writes wait behind it. */
  enum Acknowledgement {
    /**
     * The committer, always. why: on one CPU a second thread runs nothing in parallel with the
     * next write; it only adds a thread switch per group, and switches are dear on a virtual
     * machine (A/B with the server pinned to one CPU, 7 rounds: send at concurrency 8 1.09x the
     * rate by the median of rounds, concurrency 64 1.04x).
     */
    BY_COMMITTER,
    /** An acknowledger thread, so that the committer writes the next group meanwhile. */
    HANDED_OFF_WHEN_BUSY;

    /** By the CPUs this JVM may use (taskset and container limits count). */
    static Acknowledgement forThisMachine() {
      return Runtime.getRuntime().availableProcessors() > 1 ? HANDED_OFF_WHEN_BUSY : BY_COMMITTER;
    }
  }

  private record Pending(
      List<WriteOp> ops, int bytes, boolean durable, CompletableFuture<Void> done) {}

  private static final Pending CLOSE = new Pending(List.of(), 0, false, null);
  /** Wakes a committer waiting without a deadline: a caller's own write left data unsynced. */
  private static final Pending SYNC_DEADLINE = new Pending(List.of(), 0, false, null);

  private final RocksDatabase database;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  /** Null when the committer acknowledges every group itself. */
  private final ExecutorService acknowledger;
  /** Groups handed to the acknowledger and not yet completed there. */
  private final AtomicInteger acknowledging = new AtomicInteger();
  /** Submissions queued and not yet written and acknowledged (or handed to the acknowledger). */
  private final AtomicInteger unfinished = new AtomicInteger();
  /** Held by whoever writes to RocksDB: the committer, or a caller writing its own submission. */
  private final ReentrantLock writing = new ReentrantLock();
  private final LongSupplier nanoClock;
  private final long unsyncedLimitNanos;
  private volatile boolean closed;
  private volatile long commits;
  private volatile long syncs;
  private volatile long callerWrites;
  /** When the oldest write not yet fsync'ed was made; changed only holding {@link #writing}. */
  private volatile long unsyncedSince = NOTHING_UNSYNCED;

  GroupCommitWriter(RocksDatabase database) {
    this(database, Acknowledgement.forThisMachine());
  }

  GroupCommitWriter(RocksDatabase database, Acknowledgement acknowledgement) {
    this(database, acknowledgement, System::nanoTime,
        TimeUnit.MILLISECONDS.toNanos(UNSYNCED_LIMIT_MILLIS));
  }

  GroupCommitWriter(RocksDatabase database, Acknowledgement acknowledgement,
      LongSupplier nanoClock, long unsyncedLimitNanos) {
    this.database = database;
    this.nanoClock = nanoClock;
    this.unsyncedLimitNanos = unsyncedLimitNanos;
    this.acknowledger = acknowledgement == Acknowledgement.BY_COMMITTER
        ? null
        : Executors.newSingleThreadExecutor(daemon("sluice-embedded-ack"));
    this.committer = daemon("sluice-embedded-commit").newThread(this::commitUntilClosed);
    committer.start();
  }

  /**
   * Writes or queues the writes; never waits for the disk. The future completes once they are
   * written: fsync'ed when {@code durable}, else at least handed to the operating system. Durable
   * writes complete on the committer or the acknowledger thread; others may be written by the
   * caller itself (see the class comment), and the future is then complete on return.
   */
  CompletableFuture<Void> submit(List<WriteOp> ops, boolean durable) {
    if (!durable && writtenByCaller(ops)) {
      return CompletableFuture.completedFuture(null);
    }
    int bytes = 0;
    for (WriteOp op : ops) {
      bytes += op.size();
    }
    Pending pending = new Pending(ops, bytes, durable, new CompletableFuture<>());
    unfinished.incrementAndGet();
    queue.add(pending);
    // why: close() may have drained the queue between our add and now; if the committer never
    // took this submission, remove it and fail it rather than leave its future pending forever.
    if (closed && queue.remove(pending)) {
      unfinished.decrementAndGet();
      pending.done.completeExceptionally(
          new IllegalStateException("The embedded store is closed: it takes no more writes"));
    }
    return pending.done;
  }

  /**
   * Writes the ops on this thread, without fsync, if nothing submitted before is unfinished and
   * RocksDB would not stall; false if the committer must take them.
   */
  private boolean writtenByCaller(List<WriteOp> ops) {
    if (closed || !idle() || !writing.tryLock()) {
      return false;
    }
    try {
      long now = nanoClock.getAsLong();
      if (closed || !idle() || unsyncedTooLong(now)) {
        return false; // after the limit, the committer writes and syncs (see the class comment)
      }
      try (WriteBatch batch = new WriteBatch()) {
        for (WriteOp op : ops) {
          database.add(batch, op);
        }
        if (!database.writeLazilyUnlessStalled(batch)) {
          return false;
        }
      }
      commits++;
      if (unsyncedSince == NOTHING_UNSYNCED) {
        unsyncedSince = now;
        queue.add(SYNC_DEADLINE); // the committer may be waiting without a deadline
      }
      callerWrites++;
      return true;
    } catch (RocksDBException | RuntimeException e) {
      // why: the batch is atomic, so nothing was written; the committer writes it again and
      // reports a failure to the caller the usual way.
      log.debug("Writing on the caller's thread failed; leaving it to the committer", e);
      return false;
    } finally {
      writing.unlock();
    }
  }

  /** Nothing queued, being written, or waiting for its acknowledgement. */
  private boolean idle() {
    return unfinished.get() == 0 && acknowledging.get() == 0;
  }

  private void commitUntilClosed() {
    List<Pending> group = new ArrayList<>();
    boolean closing = false;
    while (!closing || !queue.isEmpty()) {
      try {
        // Wait for one submission, then take whatever else is pending: that is the group.
        Pending next = closing ? queue.poll() : nextSubmission();
        int bytes = 0;
        while (next != null) {
          if (next == CLOSE) {
            closing = true;
          } else if (next != SYNC_DEADLINE) {
            group.add(next);
            bytes += next.bytes;
          }
          next = bytes < MAX_GROUP_BYTES ? queue.poll() : null;
        }
        if (!group.isEmpty()) {
          commitLocked(group);
          finished(group);
          group = new ArrayList<>();
        }
      } catch (InterruptedException e) {
        // why: only close() stops the committer; an interrupt from elsewhere is logged, ignored.
        log.warn("Group-commit thread interrupted; it keeps running until the store closes");
      } catch (RuntimeException | Error e) {
        log.error("Group-commit loop failed; continuing", e);
        fail(group, e);
        finished(group);
        group = new ArrayList<>();
      }
    }
    syncUnsynced(); // a clean stop leaves nothing that a power loss could undo
  }

  private void commitLocked(List<Pending> group) {
    writing.lock();
    try {
      commit(group);
    } finally {
      writing.unlock();
    }
  }

  private void finished(List<Pending> group) {
    unfinished.addAndGet(-group.size());
  }

  /** Waits for a submission; if none comes before unsynced writes reach the limit, syncs them. */
  private Pending nextSubmission() throws InterruptedException {
    if (unsyncedSince == NOTHING_UNSYNCED) {
      return queue.take();
    }
    long left = unsyncedSince + unsyncedLimitNanos - nanoClock.getAsLong();
    Pending next = queue.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
    if (next == null) {
      syncUnsynced();
    }
    return next;
  }

  /**
   * Fsyncs the log if any write is left unsynced. Holds {@link #writing}, so that no caller's
   * write lands between the fsync and forgetting that something was unsynced.
   */
  private void syncUnsynced() {
    writing.lock();
    try {
      if (unsyncedSince == NOTHING_UNSYNCED) {
        return;
      }
      database.syncWal();
      syncs++;
      unsyncedSince = NOTHING_UNSYNCED;
    } catch (RocksDBException | RuntimeException e) {
      // why: nobody waits for these writes; the next durable group's fsync covers them.
      log.warn("Syncing the write-ahead log failed; the next durable write syncs it", e);
      unsyncedSince = nanoClock.getAsLong();
    } finally {
      writing.unlock();
    }
  }

  private boolean unsyncedTooLong(long now) {
    long since = unsyncedSince;
    return since != NOTHING_UNSYNCED && now - since >= unsyncedLimitNanos;
  }

  /** Holding {@link #writing}. */
  private void commit(List<Pending> group) {
    long now = nanoClock.getAsLong();
    boolean sync = unsyncedTooLong(now);
    try (WriteBatch batch = new WriteBatch()) {
      for (Pending pending : group) {
        sync |= pending.durable;
        for (WriteOp op : pending.ops) {
          database.add(batch, op);
        }
      }
      database.write(batch, sync);
      commits++; // why: only ever written holding the lock; volatile for readers elsewhere
      if (sync) {
        syncs++;
        unsyncedSince = NOTHING_UNSYNCED;
      } else if (unsyncedSince == NOTHING_UNSYNCED) {
        unsyncedSince = now;
      }
    } catch (RocksDBException e) {
      log.error("Writing {} submissions to RocksDB failed", group.size(), e);
      fail(group, e);
      return;
    }
    acknowledge(group);
  }

  /**
   * Completes the group's futures: on this thread when there is no acknowledger or nothing else
   * waits to be written or acknowledged, else on the acknowledger, so that the next group's write
   * starts at once.
   *
   * <p>Why inline at all: a lone request (one client, or a quiet server) otherwise pays a third
   * thread hand-off (event loop, committer, acknowledger, event loop) on top of its fsync; with
   * the server on one CPU that hand-off is a context switch in every request's latency. Only when
   * the acknowledger is idle, so groups are still acknowledged in the order they were written.
   */
  private void acknowledge(List<Pending> group) {
    finish(group, pending -> pending.done.complete(null));
  }

  private void fail(List<Pending> group, Throwable cause) {
    finish(group, pending -> pending.done.completeExceptionally(cause));
  }

  /** Succeeded and failed groups alike, so a failure is never overtaken by a later success. */
  private void finish(List<Pending> group, Consumer<Pending> outcome) {
    if (acknowledger == null || (queue.isEmpty() && acknowledging.get() == 0)) {
      group.forEach(outcome);
      return;
    }
    acknowledging.incrementAndGet();
    acknowledger.execute(() -> {
      try {
        group.forEach(outcome);
      } finally {
        acknowledging.decrementAndGet();
      }
    });
  }

  /** How many batches were written so far: fewer than submissions when commits were shared. */
  long commits() {
    return commits;
  }

  /** How many of the {@link #commits} a caller wrote itself, skipping the committer. */
  long callerWrites() {
    return callerWrites;
  }

  /** How many fsyncs were made so far: of durable groups, and of writes left unsynced too long. */
  long syncs() {
    return syncs;
  }

  /** Writes everything submitted so far, then stops; later submissions fail. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(CLOSE);
    joinUninterruptibly(committer);
    if (acknowledger == null) {
      return;
    }
    acknowledger.shutdown();
    try {
      if (!acknowledger.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("Acknowledger did not finish within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
