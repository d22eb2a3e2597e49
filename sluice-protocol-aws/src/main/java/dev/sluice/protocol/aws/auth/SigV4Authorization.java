package dev.sluice.protocol.aws.auth;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.wire.QueryParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

  // perf: every request is routed by its signature, checks on or off; compile this once.
  private static final Pattern AMZ_DATE = Pattern.compile("\\d{8}T\\d{6}Z");

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
    try {
      SigV4Authorization authorization = parse(request);
      return authorization == null ? null : authorization.service();
    } catch (AuthenticationException e) {
      return null;
    }
  }

  /** The access key id a request claims, or null; trusted only after verification. */
  public static String claimedAccessKeyId(AwsHttpRequest request) {
    try {
      SigV4Authorization authorization = parse(request);
      return authorization == null ? null : authorization.accessKeyId();
    } catch (AuthenticationException e) {
      return null;
    }
  }

  private static SigV4Authorization fromHeader(String header, String amzDate) {
    if (!header.startsWith(ALGORITHM + " ")) {
      throw incomplete("Unsupported authorization scheme; only " + ALGORITHM + " is accepted.");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        fields.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
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
    if (!AMZ_DATE.matcher(amzDate).matches()) {
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
