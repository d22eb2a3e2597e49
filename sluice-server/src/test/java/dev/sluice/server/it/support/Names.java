package dev.sluice.server.it.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique queue names (tests share a server) and small helpers for checking what AWS computes. */
public final class Names {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

  private Names() {}

  /** {@code base-<run>-<n>}: never repeats in a run, so no test sees another's queue. */
  public static String unique(String base) {
    return base + "-" + RUN + "-" + COUNTER.incrementAndGet();
  }

  public static String md5Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True for the canonical lower-case 8-4-4-4-12 form AWS uses for message ids. */
  public static boolean isUuid(String id) {
    try {
      return id != null && UUID.fromString(id).toString().equals(id);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static BigInteger sequenceNumber(String value) {
    return new BigInteger(value);
  }
}
