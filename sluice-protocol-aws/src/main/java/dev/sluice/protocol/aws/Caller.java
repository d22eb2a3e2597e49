package dev.sluice.protocol.aws;

/**
 * Who sent a request, as far as its signature tells.
 *
 * @param accessKeyId the access key id of the signature, or null when the request was unsigned
 * @param profileName the credentials-file profile the key belongs to, or null when unverified
 * @param verified true when the signature was checked against a known secret
 */
public record Caller(String accessKeyId, String profileName, boolean verified) {

  private static final Caller ANONYMOUS = new Caller(null, null, false);

  public static Caller anonymous() {
    return ANONYMOUS;
  }

  /** A caller named by an unchecked signature (verification is off). */
  public static Caller unverified(String accessKeyId) {
    return new Caller(accessKeyId, null, false);
  }

  public static Caller verified(String accessKeyId, String profileName) {
    return new Caller(accessKeyId, profileName, true);
  }

  public boolean signed() {
    return accessKeyId != null;
  }
}
