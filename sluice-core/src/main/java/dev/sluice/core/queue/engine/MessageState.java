package dev.sluice.core.queue.engine;

/**
 * The small, changing part of a message: what a durable store keeps beside the payload and hands
 * back at recovery, so that restarting reads no message bodies.
 *
 * @param enqueuedAtMillis retention counts from here
 * @param visibleAtMillis the message is receivable once the clock reaches this
 * @param receiveCount 0 for a message never received: then a future {@code visibleAtMillis} means
 *     delayed, otherwise it means in flight
 * @param firstReceiveMillis 0 until the first receive
 * @param messageGroupId FIFO queues only, else null
 */
public record MessageState(
    long enqueuedAtMillis,
    long visibleAtMillis,
    int receiveCount,
    long firstReceiveMillis,
    String messageGroupId) {}
