package dev.sluice.protocol.aws.auth;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.wire.QueryParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Signature Version 4 claims of a request, from its {@code Authorization} header or, for a
 * presigned URL, from its {@code X-Amz-*} query parameters.
 *
 * @param scopeDate the credential scope's date, {@code yyyyMMdd}
 * @param amzDate the signing time, {@code yyyyMMdd'T'HHmmss'Z'}
 * @param signedHeaders lower-case header names in the order the client signed them
 * @param expiresSeconds a presigned URL's lifetime; null for header signatures
 */
public record SigV4Authorization(
    String accessKeyId,
    String scopeDate,
    String region,
    String service,
    String amzDate,
    List<String> signedHeaders,
    String signature,
    Long expiresSeconds) {

  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  public boolean presigned() {
    return expiresSeconds != null;
  }

  /** {@code DATE/REGION/SERVICE/aws4_request}. */
  public String credentialScope() {
    return scopeDate + "/" + region + "/" + service + "/aws4_request";
  }

  /**
   * The request's signature claims, or null when it carries none.
   *
   * @throws AuthenticationException (IncompleteSignature) when they are present but malformed
   */
  static SigV4Authorization parse(AwsHttpRequest request) {
    String header = request.header("authorization");
    if (header != null) {
      return fromHeader(header.trim(), request.header("x-amz-date"));
    }
    if (request.rawQuery() != null && request.rawQuery().contains("X-Amz-Algorithm=")) {
      return fromQuery(QueryParameters.parse(request.rawQuery()));
    }
    return null;
  }

  /** The service a request is signed for, or null if unsigned or malformed; for routing. */
  public static String signedService(AwsHttpRequest request) {
    return SignatureClaims.of(request).service();
  }

  /** The access key id a request claims, or null; trusted only after verification. */
  public static String claimedAccessKeyId(AwsHttpRequest request) {
    return SignatureClaims.of(request).accessKeyId();
  }

  private static SigV4Authorization fromHeader(String header, String amzDate) {
    if (!header.startsWith(ALGORITHM + " ")) {
      throw incomplete("Unsupported authorization scheme; only " + ALGORITHM + " is accepted.");
    }
    Map<String, String> fields = headerFields(header, ALGORITHM.length() + 1);
    List<String> problems = new ArrayList<>();
    requireField(fields, "Credential", problems);
    requireField(fields, "Signature", problems);
    requireField(fields, "SignedHeaders", problems);
    if (amzDate == null) {
      problems.add("Authorization header requires existence of a 'X-Amz-Date' header.");
    }
    if (!problems.isEmpty()) {
      throw incomplete(String.join(" ", problems) + " Authorization=" + header);
    }
    return build(fields.get("Credential"), amzDate, fields.get("SignedHeaders"),
        fields.get("Signature"), null);
  }

  // The comma-separated NAME=VALUE fields after the scheme, trimmed; a later repeat wins. Only
  // the three fields SigV4 defines are kept: every request is routed by its signature (perf).
  private static Map<String, String> headerFields(String header, int start) {
    Map<String, String> fields = new HashMap<>(4);
    while (start < header.length()) {
      int comma = header.indexOf(',', start);
      int end = comma < 0 ? header.length() : comma;
      int equals = header.indexOf('=', start);
      if (equals > start && equals < end) {
        String name = header.substring(start, equals).trim();
        if (name.equals("Credential") || name.equals("Signature")
            || name.equals("SignedHeaders")) {
          fields.put(name, header.substring(equals + 1, end).trim());
        }
      }
      start = end + 1;
    }
    return fields;
  }

  private static SigV4Authorization fromQuery(Map<String, String> query) {
    if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
      throw incomplete("X-Amz-Algorithm only supports " + ALGORITHM + ".");
    }
    List<String> missing = new ArrayList<>();
    for (String name :
        List.of("X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature",
            "X-Amz-Expires")) {
      if (query.get(name) == null || query.get(name).isEmpty()) {
        missing.add("'" + name + "'");
      }
    }
    if (!missing.isEmpty()) {
      throw incomplete("AWS query-string parameters must include " + String.join(", ", missing)
          + ". Re-examine the query-string parameters.");
    }
    long expires;
    try {
      expires = Long.parseLong(query.get("X-Amz-Expires"));
    } catch (NumberFormatException e) {
      throw incomplete("X-Amz-Expires should be a number.");
    }
    if (expires < 0 || expires > 604_800) {
      throw incomplete("X-Amz-Expires must be non-negative and at most 604800 seconds.");
    }
    return build(query.get("X-Amz-Credential"), query.get("X-Amz-Date"),
        query.get("X-Amz-SignedHeaders"), query.get("X-Amz-Signature"), expires);
  }

  private static SigV4Authorization build(
      String credential, String amzDate, String signedHeaders, String signature, Long expires) {
    String[] scope = credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
      throw incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not"
          + " '" + credential + "'.");
    }
    if (!isAmzDate(amzDate)) {
      throw incomplete("X-Amz-Date must be in the ISO8601 basic format (yyyyMMdd'T'HHmmss'Z'),"
          + " not '" + amzDate + "'.");
    }
    if (!amzDate.startsWith(scope[1])) {
      throw AuthenticationException.of(AuthErrors.signatureDoesNotMatch(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '" + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '"
              + amzDate + "'."));
    }
    List<String> headers = Arrays.asList(signedHeaders.split(";"));
    return new SigV4Authorization(
        scope[0], scope[1], scope[2], scope[3], amzDate, List.copyOf(headers), signature, expires);
  }

  // yyyyMMdd'T'HHmmss'Z' in shape (the regex \d{8}T\d{6}Z): every request is routed by its
  // signature, checks on or off, so this is a loop rather than a regex match.
  private static boolean isAmzDate(String text) {
    if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
      return false;
    }
    for (int i = 0; i < 15; i++) {
      char c = text.charAt(i);
      if (i != 8 && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static void requireField(Map<String, String> fields, String name, List<String> problems) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      problems.add("Authorization header requires '" + name + "' parameter.");
    }
  }

  private static AuthenticationException incomplete(String message) {
    return AuthenticationException.of(AuthErrors.incompleteSignature(message));
  }
}
