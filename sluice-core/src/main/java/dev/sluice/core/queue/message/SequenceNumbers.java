package dev.sluice.core.queue.message;

/**
 * FIFO sequence numbers as AWS renders them: decimal strings of at least 20 digits. Zero-padding
 * keeps them growing both as numbers and as strings, which is what clients compare.
 */
public final class SequenceNumbers {

  private SequenceNumbers() {}

  public static String render(long sequenceNumber) {
    String digits = Long.toUnsignedString(sequenceNumber);
    return digits.length() >= 20 ? digits : "0".repeat(20 - digits.length()) + digits;
  }
}
