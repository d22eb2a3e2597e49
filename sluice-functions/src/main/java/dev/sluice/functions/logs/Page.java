package dev.sluice.functions.logs;

import java.util.List;

/** One page of a listing; {@code nextToken} is null on the last. */
public record Page<T>(List<T> items, String nextToken) {}
