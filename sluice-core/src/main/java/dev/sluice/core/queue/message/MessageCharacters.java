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
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      // why: an unpaired surrogate comes back as itself (0xD800-0xDFFF), which the range excludes.
      if (!valid(codePoint)) {
        return false;
      }
      i += Character.charCount(codePoint);
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
