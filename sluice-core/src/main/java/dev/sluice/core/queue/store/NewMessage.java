package dev.sluice.core.queue.store;

/** A message to append, with its delivery delay already resolved (message's own, else the queue's). */
public record NewMessage(MessageData data, int delaySeconds) {}
