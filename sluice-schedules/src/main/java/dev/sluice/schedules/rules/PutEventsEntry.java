package dev.sluice.schedules.rules;

import java.time.Instant;
import java.util.List;

/** One PutEvents entry; nullable fields were absent. */
public record PutEventsEntry(
    String source,
    String detailType,
    String detail,
    List<String> resources,
    Instant time,
    String eventBusName) {}
