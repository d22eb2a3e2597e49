package dev.sluice.functions;

import java.util.List;

/** One page of ListAliases; {@code nextMarker} is null on the last page. */
public record AliasPage(List<Alias> aliases, String nextMarker) {}
