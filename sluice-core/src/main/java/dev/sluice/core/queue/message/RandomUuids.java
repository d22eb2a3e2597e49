package dev.sluice.core.queue.message;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version 4 (random) UUIDs for message and request ids, drawn from {@link ThreadLocalRandom}.
 *
 * <p>perf: {@link UUID#randomUUID()} draws from a shared {@code SecureRandom} (a lock and, with
 * NativePRNG, a read of /dev/urandom's state) for every message. These ids must be unique, not
 * secret: nothing is authorised by knowing one. Receipt handles, which do authorise a delete, are
 * not made here.
 */
public final class RandomUuids {

  private RandomUuids() {}

  public static UUID next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = random.nextLong();
    long least = random.nextLong();
    most = (most & ~0xF000L) | 0x4000L; // version 4
    least = (least & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
    return new UUID(most, least);
  }

  public static String nextString() {
    return next().toString();
  }
}
