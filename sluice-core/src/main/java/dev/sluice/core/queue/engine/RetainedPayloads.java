package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.store.MessageData;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The payloads of the most recently written messages, kept in memory up to a budget shared by
 * all queues of an engine; beyond it the oldest are dropped, to be loaded from the store again
 * when delivered.
 *
 * <p>why: a consumer that keeps up receives messages seconds after they were sent. Dropping their
 * payloads as soon as they are written made every such receive read the bodies back from disk
 * (a RocksDB lookup per message: a fifth of the server's CPU when draining a queue), while a
 * backlog of millions must not keep its bodies in memory. The budget separates the two.
 *
 * <p>why a map beside the messages rather than the messages' own payload field: the engine's
 * message entries live long and end up in the old generation, and clearing their field there on
 * eviction marks a card per message for young collections to scan (card scanning was 43% of
 * young-collection time in a send profile). Here only short-lived objects change; throughput was
 * the same in an A/B run (send c = 64: 75,693 vs 73,997 msg/s; receive+delete 47,319 vs 46,655).
 *
 * <p>why a deleted message's payload goes at once ({@link #forget}): kept until it reached the
 * head of the line, every payload of a queue whose consumers keep up lived the budget's worth of
 * traffic (0.6 s at 10,000 msg/s), outlived young collections, was copied into the old
 * generation and made full collections: a fifth of the steady pipeline's young collections'
 * time and its p99. Its place in the line stays (a small key) until it reaches the head.
 */
final class RetainedPayloads {

  /**
   * What the embedded store keeps: about 1,600 messages of 1 KB, a tenth of a second of a busy
   * queue, while a consumer that keeps up receives within milliseconds (steady pipeline at 90% of
   * peak: p99 20 ms). why not more: every young collection copies the payloads held. With 8 MiB
   * the survivor spaces overflowed in a send at c = 64 (12.8 of 12.8 MB), payloads were promoted
   * early and a full collection followed; with 2 MiB survivors held 5-8 MB and none followed, and
   * an A/B (3 rounds) gave 11.9-12.9 ms of CPU per 1,000 messages against 13.6-16.4. With 64 MiB
   * a producer outrunning its consumers cost 28% more CPU per message.
   */
  static final long DEFAULT_BYTES = 2L << 20;
  /** Fixed cost counted per message on top of its body (objects, ids, digests). */
  static final int OVERHEAD_BYTES = 256;
  /** Counted per message attribute (name, type, value of a typical attribute). */
  static final int ATTRIBUTE_BYTES = 64;

  private record Key(long queueId, long sequence) {}

  private record Held(MessageData payload, int bytes) {}

  private final long maxBytes;
  /** Bounds the line, deleted messages' places included. */
  private final int maxMessages;
  private final ConcurrentHashMap<Key, Held> payloads = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Key> oldestFirst = new ConcurrentLinkedQueue<>();
  /** The bytes of the payloads held now. */
  private final AtomicLong bytes = new AtomicLong();
  /** Places in the line. */
  private final AtomicInteger messages = new AtomicInteger();

  /** @param maxBytes 0 keeps nothing: every payload is loaded from the store */
  RetainedPayloads(long maxBytes) {
    this.maxBytes = maxBytes;
    // why: tiny messages must not let the line itself grow without bound
    this.maxMessages = (int) Math.min(Integer.MAX_VALUE, maxBytes / OVERHEAD_BYTES);
  }

  /**
   * Keeps the payloads of {@code entries} (written messages of one queue, not those gone since),
   * dropping the oldest. Called under the queue's lock.
   */
  void keep(long queueId, List<MessageEntry> entries) {
    if (maxBytes == 0) {
      return;
    }
    for (MessageEntry entry : entries) {
      MessageData payload = entry.payload;
      if (payload == null || entry.location == MessageEntry.GONE) {
        continue;
      }
      Key key = new Key(queueId, entry.sequence);
      Held held = new Held(payload, estimatedBytes(payload));
      bytes.addAndGet(held.bytes);
      release(payloads.put(key, held));
      oldestFirst.add(key);
      messages.incrementAndGet();
    }
    dropBeyondBudget();
  }

  /** The kept payload of a message, or null (never kept, dropped, or the message is gone). */
  MessageData get(long queueId, long sequence) {
    if (maxBytes == 0) {
      return null;
    }
    Held held = payloads.get(new Key(queueId, sequence));
    return held == null ? null : held.payload;
  }

  /** Lets go of a message's payload now: the message was deleted, expired or moved. */
  void forget(long queueId, long sequence) {
    if (maxBytes != 0 && !payloads.isEmpty()) {
      release(payloads.remove(new Key(queueId, sequence)));
    }
  }

  private void dropBeyondBudget() {
    while (bytes.get() > maxBytes || messages.get() > maxMessages) {
      Key oldest = oldestFirst.poll();
      if (oldest == null) {
        return;
      }
      messages.decrementAndGet();
      release(payloads.remove(oldest));
    }
  }

  private void release(Held held) {
    if (held != null) {
      bytes.addAndGet(-held.bytes);
    }
  }

  // why an estimate: the exact SQS size walks every body's characters; memory is what counts here.
  private static int estimatedBytes(MessageData payload) {
    return payload.body().length() + ATTRIBUTE_BYTES * payload.messageAttributes().size()
        + OVERHEAD_BYTES;
  }

  /** Bytes held now (tests). */
  long heldBytes() {
    return bytes.get();
  }
}
