package dev.sluice.core.queue.engine;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * What a receipt handle says: which queue incarnation, which message, which receive of it. The
 * receive count doubles as the lease token, since every receive raises it: a handle from an
 * earlier receive no longer matches the message. Encoded as 21 bytes in base64url (28 characters).
 *
 * <p>Handles are not signed: a forged handle can only name a message of the same queue, which
 * anyone with the queue URL can receive anyway.
 */
record ReceiptHandle(long queueId, long sequence, int receiveCount) {

  private static final byte VERSION = 1;
  private static final int BYTES = 1 + Long.BYTES + Long.BYTES + Integer.BYTES;
  private static final int CHARS = (BYTES * 8 + 5) / 6;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  static String encode(long queueId, long sequence, int receiveCount) {
    byte[] bytes = new byte[BYTES];
    bytes[0] = VERSION;
    putLong(bytes, 1, queueId);
    putLong(bytes, 9, sequence);
    for (int i = 0; i < Integer.BYTES; i++) {
      bytes[17 + i] = (byte) (receiveCount >>> (24 - 8 * i));
    }
    return ENCODER.encodeToString(bytes);
  }

  private static void putLong(byte[] bytes, int offset, long value) {
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  /** The decoded handle, or null if {@code text} is not a handle this engine could have issued. */
  static ReceiptHandle decode(String text) {
    if (text == null || text.length() != CHARS) {
      return null;
    }
    byte[] raw;
    try {
      raw = DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw);
    if (raw.length != BYTES || bytes.get() != VERSION) {
      return null;
    }
    long queueId = bytes.getLong();
    long sequence = bytes.getLong();
    int receiveCount = bytes.getInt();
    return receiveCount < 1 ? null : new ReceiptHandle(queueId, sequence, receiveCount);
  }
}
