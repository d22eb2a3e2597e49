package dev.sluice.core.queue.model;

import java.util.List;

/** Queue names (the protocol layer turns them into URLs) and a token for the next page, or null. */
public record ListQueuesResult(List<String> queueNames, String nextToken) {}
