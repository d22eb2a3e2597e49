package dev.sluice.protocol.aws.auth;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.wire.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.utils.BinaryUtils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Recomputes the Signature Version 4 a client should have sent, from the request as received.
 *
 * <p>Why not the SDK's own signers: they are signers, not verifiers, and choose themselves which
 * headers to sign. {@code AwsV4HttpSigner} adds and signs {@code x-amz-content-sha256}, which
 * boto3 does not send; both it and {@code Aws4Signer} refuse to sign {@code user-agent}, which the
 * AWS SDK for Java v1 signs. A verifier must sign exactly the client's {@code SignedHeaders}, so
 * the canonical request is built here from that list; the URI encoding is the SDK's
 * ({@link SdkHttpUtils#urlEncode}). The tests check this class against requests signed by the SDK
 * v2 signer, the SDK v1 signer, botocore and AWS's published test vectors.
 */
final class SigV4Signature {

  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private SigV4Signature() {}

  /** The hex signature of {@code request} as {@code authorization} describes its signing. */
  static String compute(
      AwsHttpRequest request, SigV4Authorization authorization, String secret, String payloadHash) {
    String canonicalRequest = canonicalRequest(request, authorization, payloadHash);
    String stringToSign = SigV4Authorization.ALGORITHM + "\n"
        + authorization.amzDate() + "\n"
        + authorization.credentialScope() + "\n"
        + BinaryUtils.toHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), authorization.scopeDate());
    key = hmac(key, authorization.region());
    key = hmac(key, authorization.service());
    key = hmac(key, "aws4_request");
    return BinaryUtils.toHex(hmac(key, stringToSign));
  }

  static String payloadHash(byte[] body) {
    return BinaryUtils.toHex(sha256(body == null ? new byte[0] : body));
  }

  static String canonicalRequest(
      AwsHttpRequest request, SigV4Authorization authorization, String payloadHash) {
    return request.method().toUpperCase(Locale.ROOT) + "\n"
        + canonicalUri(request.path()) + "\n"
        + canonicalQuery(request.rawQuery(), authorization.presigned()) + "\n"
        + canonicalHeaders(request, authorization.signedHeaders()) + "\n"
        + String.join(";", authorization.signedHeaders()) + "\n"
        + payloadHash;
  }

  // The path arrives decoded. Encoding each segment once gives back what SDKs put on the wire;
  // services other than S3 then sign that wire form encoded once more. Dot segments and empty
  // segments are normalised away, as botocore and the SDKs do before signing.
  private static String canonicalUri(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
        continue;
      }
      segments.add(SdkHttpUtils.urlEncode(SdkHttpUtils.urlEncode(segment)));
    }
    String joined = "/" + String.join("/", segments);
    return path.endsWith("/") && !joined.endsWith("/") ? joined + "/" : joined;
  }

  private static String canonicalQuery(String rawQuery, boolean presigned) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = QueryParameters.decodeComponent(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : QueryParameters.decodeComponent(pair.substring(equals + 1));
      if (presigned && name.equals("X-Amz-Signature")) {
        continue;
      }
      pairs.add(new String[] {SdkHttpUtils.urlEncode(name), SdkHttpUtils.urlEncode(value)});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder canonical = new StringBuilder();
    for (String[] pair : pairs) {
      if (canonical.length() > 0) {
        canonical.append('&');
      }
      canonical.append(pair[0]).append('=').append(pair[1]);
    }
    return canonical.toString();
  }

  private static String canonicalHeaders(AwsHttpRequest request, List<String> signedHeaders) {
    StringBuilder canonical = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = request.headers().get(name);
      canonical.append(name).append(':');
      if (values != null) {
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            canonical.append(',');
          }
          canonical.append(values.get(i).trim().replaceAll("\\s+", " "));
        }
      }
      canonical.append('\n');
    }
    return canonical.toString();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
