package dev.sluice.protocol.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureClaimsTest {

  private static final String SCOPE = "AKIDALICE/20261124/us-east-1/sqs/aws4_request";

  private static AwsHttpRequest withAuthorization(String header) {
    return Requests.withHeader(
        Requests.withHeader(Requests.json("AmazonSQS.ListQueues", "{}"), "x-amz-date",
            "20261124T101500Z"),
        "authorization", header);
  }

  @Test
  void the_three_fields_are_read_whatever_their_order_and_spacing() {
    SigV4Authorization claims = SigV4Authorization.parse(withAuthorization(
        "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date ,  Signature = abc123,Credential="
            + SCOPE));

    assertThat(claims.accessKeyId()).isEqualTo("AKIDALICE");
    assertThat(claims.service()).isEqualTo("sqs");
    assertThat(claims.region()).isEqualTo("us-east-1");
    assertThat(claims.signedHeaders()).containsExactly("host", "x-amz-date");
    assertThat(claims.signature()).isEqualTo("abc123");
  }

  @Test
  void a_repeated_field_takes_its_last_value_and_unknown_fields_are_ignored() {
    SigV4Authorization claims = SigV4Authorization.parse(withAuthorization(
        "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", Extra=1, =x, noequals, SignedHeaders=host,"
            + " Signature=first, Signature=second"));

    assertThat(claims.signature()).isEqualTo("second");
    assertThat(claims.signedHeaders()).isEqualTo(List.of("host"));
  }

  @Test
  void missing_fields_are_each_named_in_the_incomplete_signature_message() {
    String header = "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", Signature=";

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> SigV4Authorization.parse(withAuthorization(header)));

    assertThat(e.error().queryCode()).isEqualTo("IncompleteSignature");
    assertThat(e.error().message()).isEqualTo(
        "Authorization header requires 'Signature' parameter. Authorization header requires"
            + " 'SignedHeaders' parameter. Authorization=" + header);
  }

  @Test
  void routing_and_authentication_see_the_same_claims_read_once() {
    SignatureClaims good = SignatureClaims.of(withAuthorization(
        "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host, Signature=abc"));
    SignatureClaims malformed = SignatureClaims.of(withAuthorization("AWS4-HMAC-SHA256 junk"));
    SignatureClaims none = SignatureClaims.of(Requests.json("AmazonSQS.ListQueues", "{}"));

    assertThat(good.service()).isEqualTo("sqs");
    assertThat(good.accessKeyId()).isEqualTo("AKIDALICE");
    assertThat(malformed.service()).isNull();
    assertThat(malformed.accessKeyId()).isNull();
    assertThat(catchThrowableOfType(AuthenticationException.class, malformed::authorization)
        .error().queryCode()).isEqualTo("IncompleteSignature");
    assertThat(none.service()).isNull();
    assertThat(none.authorization()).isNull();
  }

  @Test
  void an_amz_date_must_have_the_basic_iso_8601_shape() {
    for (String date : List.of("20261124T1015Z", "2026112AT101500Z", "20261124 101500Z",
        "20261124T101500z", "20261124T101500ZZ", "\u0662\u0660261124T101500Z")) {
      AwsHttpRequest request = Requests.withHeader(withAuthorization(
          "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host, Signature=abc"),
          "x-amz-date", date);

      AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
          () -> SigV4Authorization.parse(request));

      assertThat(e).as(date).isNotNull();
      assertThat(e.error().message()).as(date).startsWith("X-Amz-Date must be in the ISO8601");
    }
  }
}
