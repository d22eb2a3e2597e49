package dev.sluice.functions.logs;

/** A FilterLogEvents match: the event, its stream and an id stable across calls. */
public record FilteredEvent(String logStreamName, String eventId, LogEvent event) {}
