package dev.sluice.core.queue.store;

/**
 * One non-blocking receive: take up to {@code maxMessages} visible messages and hide them for
 * {@code visibilityTimeoutSeconds}.
 *
 * @param receiveRequestAttemptId FIFO only, may be null: a retried receive with the same id within
 *     five minutes gets the same messages (with the same receipt handles) while they are in flight
 */
public record ReceiveSpec(int maxMessages, int visibilityTimeoutSeconds, String receiveRequestAttemptId) {}
