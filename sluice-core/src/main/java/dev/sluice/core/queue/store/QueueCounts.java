package dev.sluice.core.queue.store;

/** ApproximateNumberOfMessages, ...NotVisible and ...Delayed. */
public record QueueCounts(long visible, long inFlight, long delayed) {}
