package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code "cidr": "10.0.0.0/24"} or an IPv6 block: matches string values that are IP addresses of
 * the same family inside the block. Addresses are parsed without DNS: IPv4 as four decimal octets,
 * IPv6 only when the text is hex digits, colons and dots (then the JDK parses it as a literal).
 */
final class Cidr {

  private Cidr() {}

  static ValueMatcher matcher(JsonNode operand) {
    if (!operand.isTextual()) {
      // why: AWS's own wording for a non-string cidr (recorded), though it says "prefix".
      throw EventPattern.invalid("prefix match pattern must be a string");
    }
    String text = operand.asText();
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw EventPattern.invalid("Malformed CIDR, one '/' required");
    }
    String ip = text.substring(0, slash);
    byte[] network = address(ip);
    if (network == null) {
      throw EventPattern.invalid("Nonstandard IP address: " + ip);
    }
    int bits;
    try {
      bits = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw EventPattern.invalid("Malformed CIDR, mask bits must be an integer");
    }
    if (bits < 0 || bits > network.length * 8) {
      throw EventPattern.invalid("Malformed CIDR, mask bits must be between 0 and "
          + network.length * 8);
    }
    BigInteger prefix = masked(network, bits);
    return value -> {
      if (!ValueMatchers.isText(value)) {
        return false;
      }
      byte[] candidate = address(value.asText());
      return candidate != null && candidate.length == network.length
          && masked(candidate, bits).equals(prefix);
    };
  }

  private static BigInteger masked(byte[] address, int bits) {
    int width = address.length * 8;
    return new BigInteger(1, address).shiftRight(width - bits);
  }

  /** The address's bytes (4 or 16), or null if it is not a standard IPv4 or IPv6 address. */
  static byte[] address(String text) {
    if (text.indexOf(':') < 0) {
      return ipv4(text);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
        return null;
      }
    }
    try {
      byte[] bytes = InetAddress.getByName("[" + text + "]").getAddress();
      return bytes.length == 16 ? bytes : ipv4Mapped(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  // why: the JDK folds "::ffff:a.b.c.d" to IPv4; keep it in the IPv6 family it was written in.
  private static byte[] ipv4Mapped(byte[] four) {
    byte[] sixteen = new byte[16];
    sixteen[10] = (byte) 0xff;
    sixteen[11] = (byte) 0xff;
    System.arraycopy(four, 0, sixteen, 12, 4);
    return sixteen;
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return null;
      }
      bytes[i] = (byte) octet;
    }
    return bytes;
  }
}
