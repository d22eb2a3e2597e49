package dev.sluice.functions.logs;

/** A log group as DescribeLogGroups shows it; {@code retentionInDays} is null for "never expire". */
public record LogGroupInfo(
    String name, long creationTime, Integer retentionInDays, long storedBytes) {}
