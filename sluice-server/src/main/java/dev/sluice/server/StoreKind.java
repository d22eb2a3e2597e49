package dev.sluice.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which {@code QueueStore} the server runs on. */
public enum StoreKind {
  /** Durable, in-process (RocksDB under the data directory). */
  EMBEDDED,
  /** Nothing survives a restart; for tests and throw-away runs. */
  MEMORY;

  /** The name used on the command line and in health checks. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a command-line name, case-insensitively. */
  public static StoreKind fromCliName(String name) {
    for (StoreKind kind : values()) {
      if (kind.cliName().equalsIgnoreCase(name.trim())) {
        return kind;
      }
    }
    throw new InvalidConfigException("Invalid store '" + name + "': expected one of " + names());
  }

  static String names() {
    return Arrays.stream(values()).map(StoreKind::cliName).collect(Collectors.joining(", "));
  }
}
