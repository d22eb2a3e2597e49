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
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: every write of the store goes through one committer thread.
 *
 * <p>Callers (the engine, under a queue lock, often on a Netty event loop) {@link #submit} encoded
 * writes and get a future at once; they never wait for the disk. The committer takes everything
 * that is pending, writes it as one atomic WriteBatch with one fsync (none if nothing in the group
 * asked for durability), then completes the group's futures. When more writes wait, it hands
 * that to an acknowledger thread instead: while callers' continuations run there, the committer
 * already writes the next group. The more requests arrive during an fsync, the more share the
 * next one.
 *
 * <p>Order: the committer writes submissions in submission order, so one queue's changes (submitted
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

  private record Pending(
      List<WriteOp> ops, int bytes, boolean durable, CompletableFuture<Void> done) {}

  private static final Pending CLOSE = new Pending(List.of(), 0, false, null);

  private final RocksDatabase database;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread committer;
  private final ExecutorService acknowledger;
  /** Groups handed to the acknowledger and not yet completed there. */
  private final AtomicInteger acknowledging = new AtomicInteger();
  private final LongSupplier nanoClock;
  private final long unsyncedLimitNanos;
  private volatile boolean closed;
  private volatile long commits;
  private volatile long syncs;
  /** When the oldest write not yet fsync'ed was made; committer thread only. */
  private long unsyncedSince = NOTHING_UNSYNCED;

  GroupCommitWriter(RocksDatabase database) {
    this(database, System::nanoTime, TimeUnit.MILLISECONDS.toNanos(UNSYNCED_LIMIT_MILLIS));
  }

  GroupCommitWriter(RocksDatabase database, LongSupplier nanoClock, long unsyncedLimitNanos) {
    this.database = database;
    this.nanoClock = nanoClock;
    this.unsyncedLimitNanos = unsyncedLimitNanos;
    this.acknowledger = Executors.newSingleThreadExecutor(daemon("sluice-embedded-ack"));
    this.committer = daemon("sluice-embedded-commit").newThread(this::commitUntilClosed);
    committer.start();
  }

  /**
   * Queues the writes; never blocks. The future completes (on the committer or the acknowledger
   * thread) once they are written: fsync'ed when {@code durable}, else at least handed to the
   * operating system.
   */
  CompletableFuture<Void> submit(List<WriteOp> ops, boolean durable) {
    int bytes = 0;
    for (WriteOp op : ops) {
      bytes += op.size();
    }
    Pending pending = new Pending(ops, bytes, durable, new CompletableFuture<>());
    queue.add(pending);
    // why: close() may have drained the queue between our add and now; if the committer never
    // took this submission, remove it and fail it rather than leave its future pending forever.
    if (closed && queue.remove(pending)) {
      pending.done.completeExceptionally(
          new IllegalStateException("The embedded store is closed: it takes no more writes"));
    }
    return pending.done;
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
          } else {
            group.add(next);
            bytes += next.bytes;
          }
          next = bytes < MAX_GROUP_BYTES ? queue.poll() : null;
        }
        if (!group.isEmpty()) {
          commit(group);
          group = new ArrayList<>();
        }
      } catch (InterruptedException e) {
        // why: only close() stops the committer; an interrupt from elsewhere is logged, ignored.
        log.warn("Group-commit thread interrupted; it keeps running until the store closes");
      } catch (RuntimeException | Error e) {
        log.error("Group-commit loop failed; continuing", e);
        fail(group, e);
        group = new ArrayList<>();
      }
    }
    if (unsyncedSince != NOTHING_UNSYNCED) {
      syncUnsynced(); // a clean stop leaves nothing that a power loss could undo
    }
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

  private void syncUnsynced() {
    try {
      database.syncWal();
      syncs++;
      unsyncedSince = NOTHING_UNSYNCED;
    } catch (RocksDBException | RuntimeException e) {
      // why: nobody waits for these writes; the next durable group's fsync covers them.
      log.warn("Syncing the write-ahead log failed; the next durable write syncs it", e);
      unsyncedSince = nanoClock.getAsLong();
    }
  }

  private void commit(List<Pending> group) {
    long now = nanoClock.getAsLong();
    boolean sync =
        unsyncedSince != NOTHING_UNSYNCED && now - unsyncedSince >= unsyncedLimitNanos;
    try (WriteBatch batch = new WriteBatch()) {
      for (Pending pending : group) {
        sync |= pending.durable;
        for (WriteOp op : pending.ops) {
          database.add(batch, op);
        }
      }
      database.write(batch, sync);
      commits++; // why: only the committer thread writes it; volatile for readers elsewhere
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
   * Completes the group's futures: on this thread when nothing else waits to be written or
   * acknowledged, else on the acknowledger, so that the next group's write starts at once.
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
    if (queue.isEmpty() && acknowledging.get() == 0) {
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
