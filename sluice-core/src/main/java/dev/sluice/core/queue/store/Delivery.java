package dev.sluice.core.queue.store;

/**
 * A message handed out by a receive.
 *
 * @param receiptHandle opaque, valid for this receive only
 * @param receiveCount ApproximateReceiveCount, this receive included
 * @param firstReceiveTimestamp ApproximateFirstReceiveTimestamp, epoch millis
 * @param sequenceNumber FIFO only, else 0
 */
public record Delivery(
    MessageData message,
    String receiptHandle,
    int receiveCount,
    long firstReceiveTimestamp,
    long sequenceNumber) {}
