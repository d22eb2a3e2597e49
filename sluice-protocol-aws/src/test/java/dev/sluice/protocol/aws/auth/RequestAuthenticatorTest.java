package dev.sluice.protocol.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.Requests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {

  private static final AwsCredentialsFile CREDENTIALS = AwsCredentialsFile.parse("""
      [default]
      aws_access_key_id = AKIDDEFAULT
      aws_secret_access_key = default-secret

      [alice]
      aws_access_key_id = AKIDALICE
      aws_secret_access_key = alice-secret
      """, "test");

  private final ManualTimeSource clock =
      new ManualTimeSource(SignedRequests.SIGNED_AT.toEpochMilli());
  private final RequestAuthenticator authenticator = new RequestAuthenticator(CREDENTIALS, clock);

  @Test
  void a_request_signed_with_a_known_key_is_accepted_as_that_profile() {
    Authentication result = authenticator.authenticate(
        SignedRequests.sdkV2("AKIDALICE", "alice-secret", "sqs", "{}"));

    assertThat(result.isAccepted()).isTrue();
    assertThat(result.caller()).isEqualTo(Caller.verified("AKIDALICE", "alice"));
  }

  @Test
  void sdk_v1_signatures_over_the_user_agent_are_accepted() {
    Authentication result = authenticator.authenticate(SignedRequests.sdkV1(
        "AKIDDEFAULT", "default-secret", "Action=ListQueues&Version=2012-11-05"));

    assertThat(result.isAccepted()).isTrue();
  }

  @Test
  void an_unsigned_request_is_refused_with_missing_authentication_token() {
    AwsError refusal = refusal(Requests.json("AmazonSQS.ListQueues", "{}"));

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.queryCode()).isEqualTo("MissingAuthenticationToken");
  }

  @Test
  void an_unknown_access_key_is_refused_with_invalid_client_token_id() {
    AwsError refusal = refusal(SignedRequests.sdkV2("AKIDNOBODY", "whatever", "sqs", "{}"));

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.queryCode()).isEqualTo("InvalidClientTokenId");
    assertThat(refusal.message()).isEqualTo("The security token included in the request is invalid.");
  }

  @Test
  void a_wrong_secret_is_refused_with_signature_does_not_match() {
    AwsError refusal = refusal(SignedRequests.sdkV2("AKIDALICE", "wrong-secret", "sqs", "{}"));

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.queryCode()).isEqualTo("SignatureDoesNotMatch");
    assertThat(refusal.message()).startsWith("The request signature we calculated does not match");
  }

  @Test
  void a_body_changed_after_signing_is_refused() {
    AwsHttpRequest signed = SignedRequests.sdkV2("AKIDALICE", "alice-secret", "sqs", "{}");
    AwsHttpRequest tampered = new AwsHttpRequest(signed.method(), signed.path(),
        signed.rawQuery(), signed.headers(),
        "{\"QueueNamePrefix\":\"x\"}".getBytes(StandardCharsets.UTF_8), signed.remoteAddress());

    assertThat(refusal(tampered).queryCode()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void a_header_changed_after_signing_is_refused() {
    AwsHttpRequest signed = SignedRequests.sdkV2("AKIDALICE", "alice-secret", "sqs", "{}");

    AwsError refusal =
        refusal(Requests.withHeader(signed, "x-amz-target", "AmazonSQS.DeleteQueue"));

    assertThat(refusal.queryCode()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void a_signature_older_than_fifteen_minutes_has_expired() {
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));

    AwsError refusal = refusal(SignedRequests.sdkV2("AKIDALICE", "alice-secret", "sqs", "{}"));

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.queryCode()).isEqualTo("SignatureDoesNotMatch");
    assertThat(refusal.message()).isEqualTo("Signature expired: 20261124T100000Z is now earlier"
        + " than 20261124T100001Z (20261124T101501Z - 15 min.)");
  }

  @Test
  void a_signature_fifteen_minutes_old_is_still_accepted() {
    clock.advance(Duration.ofMinutes(15));

    assertThat(authenticator.authenticate(
        SignedRequests.sdkV2("AKIDALICE", "alice-secret", "sqs", "{}")).isAccepted()).isTrue();
  }

  @Test
  void a_signature_from_the_future_is_not_yet_current() {
    ManualTimeSource early =
        new ManualTimeSource(SignedRequests.SIGNED_AT.minusSeconds(16 * 60).toEpochMilli());

    Authentication result = new RequestAuthenticator(CREDENTIALS, early)
        .authenticate(SignedRequests.sdkV2("AKIDALICE", "alice-secret", "sqs", "{}"));

    assertThat(result.refusal().queryCode()).isEqualTo("SignatureDoesNotMatch");
    assertThat(result.refusal().message()).startsWith("Signature not yet current: 20261124T100000Z"
        + " is still later than 20261124T095900Z");
  }

  @Test
  void a_presigned_url_is_accepted_until_it_expires() {
    AwsHttpRequest presigned =
        SignedRequests.sdkV2Presigned("AKIDALICE", "alice-secret", Duration.ofMinutes(5));
    assertThat(authenticator.authenticate(presigned).isAccepted()).isTrue();

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThat(refusal(presigned).queryCode()).isEqualTo("RequestExpired");
  }

  @Test
  void a_malformed_authorization_header_is_an_incomplete_signature() {
    AwsHttpRequest request = Requests.withHeader(Requests.json("AmazonSQS.ListQueues", "{}"),
        "authorization", "AWS4-HMAC-SHA256 Credential=AKIDALICE/20261124/us-east-1/sqs/aws4_request");

    AwsError refusal = refusal(request);

    assertThat(refusal.queryCode()).isEqualTo("IncompleteSignature");
    assertThat(refusal.message()).contains("Authorization header requires 'Signature' parameter.");
  }

  @Test
  void when_disabled_every_request_is_accepted_as_whoever_it_claims_to_be() {
    RequestAuthenticator disabled = RequestAuthenticator.disabled();

    assertThat(disabled.authenticate(Requests.json("AmazonSQS.ListQueues", "{}")).caller())
        .isEqualTo(Caller.anonymous());
    assertThat(disabled.authenticate(SignedRequests.sdkV2("AKIDX", "any", "sqs", "{}")).caller())
        .isEqualTo(Caller.unverified("AKIDX"));
  }

  private AwsError refusal(AwsHttpRequest request) {
    Authentication result = authenticator.authenticate(request);
    assertThat(result.isAccepted()).as("refused").isFalse();
    return result.refusal();
  }
}
