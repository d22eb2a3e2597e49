package dev.sluice.functions.mappings;

/** A mapping with the state an answer reports (transitional for changes, settled for reads). */
public record MappingView(EventSourceMapping mapping, MappingState state) {}
