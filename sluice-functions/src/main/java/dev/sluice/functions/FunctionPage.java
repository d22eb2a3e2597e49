package dev.sluice.functions;

import java.util.List;

/** One page of ListFunctions; {@code nextMarker} is null on the last page. */
public record FunctionPage(List<FunctionDefinition> functions, String nextMarker) {}
