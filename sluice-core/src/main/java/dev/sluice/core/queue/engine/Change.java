package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.QueueRecord;

/**
 * One state change the engine made, as a durable store writes it. {@code queueId} is the queue's
 * incarnation: a queue deleted and created again under the same name gets a new id, so a store
 * keys everything by id, never by name.
 */
public sealed interface Change {

  long queueId();

  /** A queue was created, or its record (attributes, tags) replaced. */
  record QueuePut(long queueId, QueueRecord queue) implements Change {}

  /** The queue is gone, with every message and de-duplication record it had. */
  record QueueRemoved(long queueId, String name) implements Change {}

  /** A new message: its immutable payload and its first state. */
  record MessageAppended(long queueId, long sequence, MessageData data, MessageState state)
      implements Change {}

  /** The message's complete new state (receives, visibility changes). The payload is unchanged. */
  record MessageUpdated(long queueId, long sequence, MessageState state) implements Change {}

  /** The message is gone: deleted, expired, or moved to another queue. */
  record MessageRemoved(long queueId, long sequence) implements Change {}

  /** Every message of the queue with a sequence up to {@code upToSequence} is gone (PurgeQueue). */
  record MessagesPurged(long queueId, long upToSequence) implements Change {}

  /** A FIFO de-duplication id was accepted; it blocks duplicates until its expiry. */
  record DedupPut(long queueId, DedupRecord dedup) implements Change {}

  /** A de-duplication record expired and was forgotten. */
  record DedupRemoved(long queueId, String key) implements Change {}
}
