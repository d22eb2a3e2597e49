package dev.sluice.functions.logs;

/** A log stream as DescribeLogStreams shows it; event times are null while it has none. */
public record LogStreamInfo(
    String name,
    long creationTime,
    Long firstEventTimestamp,
    Long lastEventTimestamp,
    Long lastIngestionTime,
    long storedBytes) {}
