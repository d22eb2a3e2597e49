package dev.sluice.protocol.aws.auth;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.AWS4Signer;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.http.HttpMethodName;
import dev.sluice.protocol.aws.AwsHttpRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDKs' own signers, as the HTTP server would hand them over. */
final class SignedRequests {

  static final Instant SIGNED_AT = Instant.parse("2026-11-24T10:00:00Z");

  private SignedRequests() {}

  /** An SQS JSON request signed by the AWS SDK for Java v2's {@link AwsV4HttpSigner}. */
  static AwsHttpRequest sdkV2(String accessKey, String secret, String service, String body) {
    SdkHttpRequest request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create("http://localhost:4566/"))
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", "AmazonSQS.ListQueues")
        .putHeader("User-Agent", "aws-sdk-java/2.57.8 test")
        .build();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(accessKey, secret))
        .request(request)
        .payload(() -> new ByteArrayInputStream(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)))
        .request();
    return fromSdk(signed, bytes);
  }

  /** A presigned GET URL made by the SDK v2 signer. */
  static AwsHttpRequest sdkV2Presigned(String accessKey, String secret, Duration expiry) {
    SdkHttpRequest request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET)
        .uri(URI.create("http://localhost:4566/000000000000/orders"
            + "?Action=GetQueueAttributes&AttributeName.1=All&Version=2012-11-05"))
        .build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(accessKey, secret))
        .request(request)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)))
        .request();
    return fromSdk(signed.toBuilder().putHeader("Host", "localhost:4566").build(), new byte[0]);
  }

  /**
   * A Query request signed by the AWS SDK for Java v1's {@link AWS4Signer}, which (unlike the v2
   * signers and botocore) signs the User-Agent header too.
   */
  static AwsHttpRequest sdkV1(String accessKey, String secret, String form) {
    DefaultRequest<Void> request = new DefaultRequest<>("AmazonSQS");
    request.setHttpMethod(HttpMethodName.POST);
    request.setEndpoint(URI.create("http://localhost:4566"));
    request.setResourcePath("/000000000000/orders");
    request.addHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    request.addHeader("User-Agent", "aws-sdk-java/1.12.797 Linux/6 OpenJDK/17");
    byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
    request.setContent(new ByteArrayInputStream(bytes));
    AWS4Signer signer = new AWS4Signer();
    signer.setServiceName("sqs");
    signer.setRegionName("us-east-1");
    signer.setOverrideDate(Date.from(SIGNED_AT));
    signer.sign(request, new BasicAWSCredentials(accessKey, secret));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.getHeaders().forEach((name, value) ->
        headers.put(name.toLowerCase(Locale.ROOT), List.of(value)));
    return new AwsHttpRequest("POST", request.getResourcePath(), "", headers, bytes, "test");
  }

  static AwsHttpRequest fromSdk(SdkHttpRequest signed, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    signed.headers().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    headers.putIfAbsent("host", List.of(signed.host() + ":" + signed.port()));
    String path = URLDecoder.decode(signed.encodedPath().replace("+", "%2B"),
        StandardCharsets.UTF_8);
    String query = signed.encodedQueryParameters().orElse("");
    return new AwsHttpRequest(signed.method().name(), path, query, headers, body, "test");
  }
}
