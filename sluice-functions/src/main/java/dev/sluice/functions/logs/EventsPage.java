package dev.sluice.functions.logs;

import java.util.List;

/** GetLogEvents' answer: the events, oldest first, and the tokens to page on either way. */
public record EventsPage(List<LogEvent> events, String nextForwardToken, String nextBackwardToken) {}
