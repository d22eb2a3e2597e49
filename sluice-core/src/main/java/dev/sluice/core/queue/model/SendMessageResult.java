package dev.sluice.core.queue.model;

/**
 * What a send answers. MD5s are lowercase hex; {@code md5OfMessageAttributes},
 * {@code md5OfMessageSystemAttributes} and {@code sequenceNumber} are null when AWS leaves them out.
 */
public record SendMessageResult(
    String messageId,
    String md5OfMessageBody,
    String md5OfMessageAttributes,
    String md5OfMessageSystemAttributes,
    String sequenceNumber) {}
