package dev.sluice.protocol.aws.auth;

import dev.sluice.core.time.TimeSource;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Checks each request's Signature Version 4 before it is dispatched, or, when the server has no
 * credentials file, only reads who the request claims to be from.
 *
 * <p>With credentials, a request is refused with AWS's error when it carries no signature
 * (MissingAuthenticationToken), a malformed one (IncompleteSignature), an unknown access key
 * (InvalidClientTokenId), a date more than {@link #MAX_CLOCK_SKEW} away from now or a presigned URL
 * past its expiry (SignatureDoesNotMatch "Signature expired: ...", RequestExpired), or a signature
 * that does not match (SignatureDoesNotMatch). Thread-safe and stateless.
 */
public final class RequestAuthenticator {

  /** How far a request's signing time may be from the server's clock, as at AWS. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final AwsCredentialsFile credentials;
  private final TimeSource time;

  /** Verifies every request against the keys in {@code credentials}, on {@code time}'s clock. */
  public RequestAuthenticator(AwsCredentialsFile credentials, TimeSource time) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.time = Objects.requireNonNull(time, "time");
  }

  private RequestAuthenticator() {
    this.credentials = null;
    this.time = null;
  }

  /** Accepts every request; the caller is whoever the signature (if any) names. */
  public static RequestAuthenticator disabled() {
    return new RequestAuthenticator();
  }

  public boolean verifies() {
    return credentials != null;
  }

  public Authentication authenticate(AwsHttpRequest request) {
    return authenticate(request, SignatureClaims.of(request));
  }

  /** As above, with the request's signature claims already read (the router reads them once). */
  public Authentication authenticate(AwsHttpRequest request, SignatureClaims claims) {
    if (credentials == null) {
      String claimed = claims.accessKeyId();
      return Authentication.accepted(
          claimed == null ? Caller.anonymous() : Caller.unverified(claimed));
    }
    try {
      return Authentication.accepted(verify(request, claims));
    } catch (AuthenticationException e) {
      return Authentication.refused(e.error());
    }
  }

  private Caller verify(AwsHttpRequest request, SignatureClaims claims) {
    SigV4Authorization authorization = claims.authorization();
    if (authorization == null) {
      throw AuthenticationException.of(AuthErrors.missingAuthenticationToken());
    }
    AwsCredentialsFile.Credential credential = credentials.find(authorization.accessKeyId())
        .orElseThrow(() -> AuthenticationException.of(AuthErrors.invalidClientTokenId()));
    checkTime(authorization);
    if (!signatureMatches(request, authorization, credential.secretAccessKey())) {
      throw AuthenticationException.of(AuthErrors.signatureDoesNotMatch());
    }
    return Caller.verified(credential.accessKeyId(), credential.profileName());
  }

  private void checkTime(SigV4Authorization authorization) {
    Instant signedAt;
    try {
      signedAt = Instant.from(AMZ_DATE.parse(authorization.amzDate()));
    } catch (DateTimeParseException e) {
      throw AuthenticationException.of(AuthErrors.incompleteSignature(
          "Invalid X-Amz-Date: " + authorization.amzDate()));
    }
    Instant now = Instant.ofEpochMilli(time.nowMillis());
    if (authorization.presigned()) {
      if (now.isAfter(signedAt.plusSeconds(authorization.expiresSeconds()))) {
        throw AuthenticationException.of(AuthErrors.requestExpired());
      }
      if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
        throw AuthenticationException.of(notYetCurrent(signedAt, now));
      }
      return;
    }
    Instant earliest = now.minus(MAX_CLOCK_SKEW);
    if (signedAt.isBefore(earliest)) {
      throw AuthenticationException.of(AuthErrors.signatureDoesNotMatch(
          "Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
              + AMZ_DATE.format(earliest) + " (" + AMZ_DATE.format(now) + " - 15 min.)"));
    }
    if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw AuthenticationException.of(notYetCurrent(signedAt, now));
    }
  }

  private static AwsError notYetCurrent(Instant signedAt, Instant now) {
    return AuthErrors.signatureDoesNotMatch(
        "Signature not yet current: " + AMZ_DATE.format(signedAt) + " is still later than "
            + AMZ_DATE.format(now.plus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now)
            + " + 15 min.)");
  }

  // A client may sign the payload's hash (the usual case), declare it in x-amz-content-sha256
  // (possibly as UNSIGNED-PAYLOAD), or, for presigned URLs, sign UNSIGNED-PAYLOAD implicitly.
  private static boolean signatureMatches(
      AwsHttpRequest request, SigV4Authorization authorization, String secret) {
    String actualHash = SigV4Signature.payloadHash(request.body());
    String declaredHash = request.header("x-amz-content-sha256");
    if (declaredHash != null) {
      boolean declaredIsTrue =
          declaredHash.equals(SigV4Signature.UNSIGNED_PAYLOAD) || declaredHash.equals(actualHash);
      return declaredIsTrue && matches(request, authorization, secret, declaredHash);
    }
    if (matches(request, authorization, secret, actualHash)) {
      return true;
    }
    return authorization.presigned()
        && matches(request, authorization, secret, SigV4Signature.UNSIGNED_PAYLOAD);
  }

  private static boolean matches(
      AwsHttpRequest request, SigV4Authorization authorization, String secret, String payloadHash) {
    String expected = SigV4Signature.compute(request, authorization, secret, payloadHash);
    // Constant-time comparison: the time taken must not tell how much of a guess was right.
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        authorization.signature().getBytes(StandardCharsets.US_ASCII));
  }
}
