package dev.sluice.core.queue.message;

import dev.sluice.core.queue.model.MessageAttributeValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digests SQS puts on the wire. The SDKs recompute MD5OfMessageBody and MD5OfMessageAttributes
 * and reject answers that differ, so these follow AWS's encoding byte for byte.
 */
public final class MessageDigests {

  // why: the transport byte the SDKs hash before a value: 1 for string-valued, 2 for binary-valued.
  private static final byte STRING_TRANSPORT = 1;
  private static final byte BINARY_TRANSPORT = 2;

  // perf: MessageDigest.getInstance looks the algorithm up among the security providers on every
  // call, and every send digests its body; each thread keeps one instance (digest() resets it).
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(() -> digest("MD5"));
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(() -> digest("SHA-256"));

  private MessageDigests() {}

  /** Lowercase hex MD5 of the UTF-8 body. */
  public static String md5OfBody(String body) {
    MessageDigest md5 = fresh(MD5);
    return HexFormat.of().formatHex(md5.digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * MD5OfMessageAttributes (and MD5OfMessageSystemAttributes): for each attribute in name order, the
   * name, the data type and the value, each as a 4-byte big-endian length and its bytes, with a
   * transport byte before the value. Null when there are no attributes, as AWS leaves it out.
   */
  public static String md5OfAttributes(Map<String, MessageAttributeValue> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    return md5OfSortedAttributes(new TreeMap<>(attributes));
  }

  /** As {@link #md5OfAttributes}, for a map that already iterates in name order (no copy). */
  static String md5OfSortedAttributes(Map<String, MessageAttributeValue> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    MessageDigest md5 = fresh(MD5);
    for (var entry : attributes.entrySet()) {
      MessageAttributeValue value = entry.getValue();
      updateWithLength(md5, utf8(entry.getKey()));
      updateWithLength(md5, utf8(value.dataType()));
      if (value.binaryValue() != null) {
        md5.update(BINARY_TRANSPORT);
        updateWithLength(md5, value.binaryValue());
      } else {
        md5.update(STRING_TRANSPORT);
        updateWithLength(md5, utf8(value.stringValue()));
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /** The content-based de-duplication id: lowercase hex SHA-256 of the UTF-8 body. */
  public static String sha256OfBody(String body) {
    MessageDigest sha = fresh(SHA_256);
    return HexFormat.of().formatHex(sha.digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static void updateWithLength(MessageDigest digest, byte[] bytes) {
    int length = bytes.length;
    digest.update((byte) (length >>> 24));
    digest.update((byte) (length >>> 16));
    digest.update((byte) (length >>> 8));
    digest.update((byte) length);
    digest.update(bytes);
  }

  private static byte[] utf8(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }

  // why reset: a digest left half-fed by an exception must not taint the next message's.
  private static MessageDigest fresh(ThreadLocal<MessageDigest> perThread) {
    MessageDigest digest = perThread.get();
    digest.reset();
    return digest;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
    }
  }
}
