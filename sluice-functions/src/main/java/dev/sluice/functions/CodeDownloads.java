package dev.sluice.functions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed links to a function's deployment package, GetFunction's {@code Code.Location}. AWS
 * answers with a presigned S3 URL valid for ten minutes; Sluice answers with a URL on itself,
 * signed with a key that lives as long as the process (HMAC-SHA256 over the function, version and
 * expiry), so the link works without AWS credentials and only for who was allowed to GetFunction.
 */
final class CodeDownloads {

  /** How long a link works, as AWS's presigned URLs. */
  static final Duration VALIDITY = Duration.ofMinutes(10);

  private final byte[] key = new byte[32];

  CodeDownloads() {
    new SecureRandom().nextBytes(key);
  }

  /** The query string of a link to {@code version} of {@code function}, valid from now. */
  String query(String function, String version, long nowMillis) {
    long expires = nowMillis / 1000 + VALIDITY.toSeconds();
    return "version=" + version.replace("$", "%24") + "&expires=" + expires
        + "&signature=" + signature(function, version, expires);
  }

  /** Whether a link's parameters are genuine and not expired. */
  boolean valid(String function, String version, String expires, String signature,
      long nowMillis) {
    if (function == null || version == null || expires == null || signature == null) {
      return false;
    }
    long expiry;
    try {
      expiry = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] expected = signature(function, version, expiry).getBytes(StandardCharsets.US_ASCII);
    return nowMillis / 1000 <= expiry && MessageDigest.isEqual(
        expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(String function, String version, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String signed = function + "\n" + version + "\n" + expires;
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }
}
