package dev.sluice.core.queue.engine;

/**
 * A FIFO de-duplication entry: a send with the same key before {@code expiresAtMillis} is a
 * duplicate of message {@code messageId}.
 *
 * @param key opaque to stores: the de-duplication id, prefixed by the group id when the queue's
 *     DeduplicationScope is messageGroup
 */
public record DedupRecord(String key, String messageId, long sequence, long expiresAtMillis) {}
