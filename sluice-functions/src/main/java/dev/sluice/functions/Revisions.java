package dev.sluice.functions;

import dev.sluice.core.time.TimeSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** RevisionIds and LastModified stamps as AWS writes them. */
final class Revisions {

  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private Revisions() {}

  static String newRevision() {
    return UUID.randomUUID().toString();
  }

  /** ISO-8601 with milliseconds and {@code +0000}. */
  static String lastModified(TimeSource time) {
    return LAST_MODIFIED.format(time.now());
  }
}
