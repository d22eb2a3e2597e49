package dev.sluice.schedules.rules;

/** One entry of PutTargets/RemoveTargets' FailedEntries. */
public record FailedEntry(String targetId, String errorCode, String errorMessage) {}
