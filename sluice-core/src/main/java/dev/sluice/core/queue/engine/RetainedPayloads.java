package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.store.MessageData;
import java.util.List;
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
 * <p>Messages deleted meanwhile stay counted until they reach the head of the line: the memory
 * held is bounded by the budget either way, and nothing needs unlinking on delete.
 */
final class RetainedPayloads {

  /**
   * What the embedded store keeps: about 6,000 messages of 1 KB, a fraction of a second of a busy
   * queue. why not more: payloads that outlive a young collection are copied into the old
   * generation; with 64 MiB a producer outrunning its consumers cost 28% more CPU per message.
   */
  static final long DEFAULT_BYTES = 8L << 20;
  /** Fixed cost counted per message on top of its body and attributes (objects, strings' ids). */
  static final int OVERHEAD_BYTES = 256;

  private record Held(QueueState owner, MessageEntry entry, int bytes) {}

  private final long maxBytes;
  private final int maxMessages;
  private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger messages = new AtomicInteger();

  /** @param maxBytes 0 drops every payload as soon as it is written */
  RetainedPayloads(long maxBytes) {
    this.maxBytes = maxBytes;
    // why: tiny messages must not let the line itself grow without bound
    this.maxMessages = (int) Math.min(Integer.MAX_VALUE, maxBytes / OVERHEAD_BYTES);
  }

  /**
   * Called once {@code entries} of {@code owner} are written, with no queue lock held: keeps their
   * payloads and drops the oldest beyond the budget (taking each owner's lock in turn, never two).
   */
  void written(QueueState owner, List<MessageEntry> entries) {
    for (MessageEntry entry : entries) {
      MessageData payload = entry.payload;
      if (payload == null) {
        continue;
      }
      int size = payload.sizeInBytes() + OVERHEAD_BYTES;
      held.add(new Held(owner, entry, size));
      bytes.addAndGet(size);
      messages.incrementAndGet();
    }
    dropBeyondBudget();
  }

  private void dropBeyondBudget() {
    while (bytes.get() > maxBytes || messages.get() > maxMessages) {
      Held oldest = held.poll();
      if (oldest == null) {
        return;
      }
      bytes.addAndGet(-oldest.bytes);
      messages.decrementAndGet();
      oldest.owner.dropPayload(oldest.entry);
    }
  }

  /** Bytes counted now (tests). */
  long heldBytes() {
    return bytes.get();
  }
}
