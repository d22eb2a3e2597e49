package dev.sluice.protocol.aws;

import dev.sluice.core.queue.message.RandomUuids;

/** Request ids as AWS writes them: random UUIDs (unique, not secret: see {@link RandomUuids}). */
public final class RequestIds {

  private RequestIds() {}

  public static String next() {
    return RandomUuids.nextString();
  }
}
