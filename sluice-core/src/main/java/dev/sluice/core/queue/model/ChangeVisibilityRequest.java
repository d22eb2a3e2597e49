package dev.sluice.core.queue.model;

/** One ChangeMessageVisibility (or batch entry): a receipt handle and its new timeout. */
public record ChangeVisibilityRequest(String receiptHandle, Integer visibilityTimeout) {}
