package dev.sluice.protocol.aws.auth;

import dev.sluice.protocol.aws.AwsHttpRequest;

/**
 * A request's Signature V4 claims, read once: routing needs the service they name and
 * authentication the rest, and parsing the {@code Authorization} header twice per request showed
 * in the hot path's profile. Holds the claims, or that there are none, or why they are malformed.
 */
public final class SignatureClaims {

  private static final SignatureClaims NONE = new SignatureClaims(null, null);

  private final SigV4Authorization authorization;
  private final AuthenticationException malformed;

  private SignatureClaims(SigV4Authorization authorization, AuthenticationException malformed) {
    this.authorization = authorization;
    this.malformed = malformed;
  }

  /** Reads the request's claims; never throws for a malformed signature, keeps the error. */
  public static SignatureClaims of(AwsHttpRequest request) {
    try {
      SigV4Authorization authorization = SigV4Authorization.parse(request);
      return authorization == null ? NONE : new SignatureClaims(authorization, null);
    } catch (AuthenticationException e) {
      return new SignatureClaims(null, e);
    }
  }

  /** The service the request is signed for, or null if unsigned or malformed; for routing. */
  public String service() {
    return authorization == null ? null : authorization.service();
  }

  /** The access key id the request claims, or null; trusted only after verification. */
  public String accessKeyId() {
    return authorization == null ? null : authorization.accessKeyId();
  }

  /**
   * The claims, or null when the request carries none.
   *
   * @throws AuthenticationException (IncompleteSignature) when they are present but malformed
   */
  SigV4Authorization authorization() {
    if (malformed != null) {
      throw malformed;
    }
    return authorization;
  }
}
