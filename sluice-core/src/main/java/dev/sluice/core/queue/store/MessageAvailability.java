package dev.sluice.core.queue.store;

import java.util.concurrent.CompletableFuture;

/**
 * Wake-ups for long polls. A store that several servers share (PostgreSQL) implements this across
 * processes (LISTEN/NOTIFY plus a timer for messages whose delay or visibility timeout runs out), so
 * nothing above the store assumes one process.
 */
public interface MessageAvailability {

  /**
   * A future that completes when messages may have become receivable in {@code queueName}: a send,
   * a delay or visibility timeout running out, a visibility change to 0. It may complete spuriously;
   * the waiter simply receives again. The waiter cancels the future when it stops waiting, and
   * implementations must then forget it. No thread is held per waiter.
   */
  CompletableFuture<Void> nextAvailable(String queueName);
}
