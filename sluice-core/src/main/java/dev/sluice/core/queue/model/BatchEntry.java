package dev.sluice.core.queue.model;

/** One entry of a batch request: the client's entry id and what it asks for. */
public record BatchEntry<T>(String id, T request) {}
