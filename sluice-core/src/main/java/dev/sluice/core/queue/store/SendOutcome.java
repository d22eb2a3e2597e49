package dev.sluice.core.queue.store;

/**
 * What the store did with one {@link NewMessage}.
 *
 * @param message the stored message: the original one when this send was a FIFO duplicate
 * @param sequenceNumber FIFO only (0 on standard queues): the store's per-queue sequence, rising
 * @param duplicate true when FIFO de-duplication dropped this send
 */
public record SendOutcome(MessageData message, long sequenceNumber, boolean duplicate) {}
