package dev.sluice.functions.mappings;

import java.util.List;

/** One page of ListEventSourceMappings; {@code nextMarker} is null on the last page. */
public record MappingPage(List<EventSourceMapping> mappings, String nextMarker) {}
