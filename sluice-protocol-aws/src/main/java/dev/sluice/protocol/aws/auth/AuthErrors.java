package dev.sluice.protocol.aws.auth;

import dev.sluice.protocol.aws.AwsError;

/**
 * The errors AWS answers to requests it cannot authenticate. Codes and statuses follow AWS's
 * common-errors table and the answers its Query services give; JSON answers name the same code in
 * {@code x-amzn-query-error}, so every client reports the same code in both protocols.
 */
public final class AuthErrors {

  private AuthErrors() {}

  public static AwsError missingAuthenticationToken() {
    return new AwsError(403, "MissingAuthenticationToken",
        AwsError.CORAL + "MissingAuthenticationTokenException",
        "Request is missing Authentication Token", true);
  }

  public static AwsError incompleteSignature(String message) {
    return new AwsError(400, "IncompleteSignature",
        AwsError.CORAL + "IncompleteSignatureException", message, true);
  }

  public static AwsError invalidClientTokenId() {
    return new AwsError(403, "InvalidClientTokenId",
        AwsError.CORAL + "UnrecognizedClientException",
        "The security token included in the request is invalid.", true);
  }

  public static AwsError signatureDoesNotMatch() {
    return signatureDoesNotMatch(
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.");
  }

  /** Also AWS's answer to a stale or future date ("Signature expired: ..."). */
  public static AwsError signatureDoesNotMatch(String message) {
    return new AwsError(403, "SignatureDoesNotMatch",
        AwsError.CORAL + "InvalidSignatureException", message, true);
  }

  /** A presigned URL used after its X-Amz-Expires. */
  public static AwsError requestExpired() {
    return new AwsError(400, "RequestExpired", AwsError.CORAL + "RequestExpired",
        "Request has expired.", true);
  }
}
