package dev.sluice.core.queue.message;

/**
 * The characters SQS accepts in bodies and string attribute values: "#x9 | #xA | #xD | #x20 to
 * #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF" (the XML 1.0 character range).
 */
public final class MessageCharacters {

  public static final String INVALID_CHARACTERS =
      "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF"
          + " | #xE000 to #xFFFD | #x10000 to #x10FFFF";

  private MessageCharacters() {}

  public static boolean allValid(String text) {
    // perf: every body passes through here (a JFR profile of SendMessageBatch showed ~12% of the
    // server's samples in a code point loop). Almost all text is chars 0x20-0xD7FF, valid on their
    // own, so the loop looks at chars and only leaves that range for the rare ones.
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c <= 0xD7FF) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a surrogate pair is a code point from 0x10000 to 0x10FFFF: valid
        continue;
      }
      // why: an unpaired surrogate is checked as itself (0xD800-0xDFFF), which the range excludes.
      if (!valid(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean valid(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
