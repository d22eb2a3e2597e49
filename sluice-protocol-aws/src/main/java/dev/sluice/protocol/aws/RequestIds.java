package dev.sluice.protocol.aws;

import java.util.UUID;

/** Request ids as AWS writes them: random UUIDs. */
public final class RequestIds {

  private RequestIds() {}

  public static String next() {
    return UUID.randomUUID().toString();
  }
}
