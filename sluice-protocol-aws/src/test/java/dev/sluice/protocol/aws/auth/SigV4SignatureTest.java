package dev.sluice.protocol.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.Requests;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The signature Sluice expects, checked against signatures made independently: AWS's published
 * test vector, botocore (recorded), and the SDK v1 and v2 signers.
 */
class SigV4SignatureTest {

  @Test
  void reproduces_the_aws_test_suite_get_vanilla_signature() {
    AwsHttpRequest request = Requests.request("GET", "/", "", "",
        "host", "example.amazonaws.com",
        "x-amz-date", "20150830T123600Z",
        "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
            + "aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf194267"
            + "6e86291e8372ff2a2260956d9b8aae1d763fbf31");

    assertThat(expected(request, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
        .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void reproduces_a_signature_recorded_from_botocore() {
    // Signed by botocore 1.43.11's SigV4Auth (key AKIDBOTOCORE / botocore-secret-key, clock fixed
    // at 2026-11-24T10:00:00Z); botocore does not sign user-agent, so it is left out here too.
    AwsHttpRequest request = Requests.request("POST", "/", "",
        "{\"QueueUrl\": \"http://localhost:4566/000000000000/orders\", \"MessageBody\": \"hello\"}",
        "host", "localhost:4566",
        "x-amz-target", "AmazonSQS.SendMessage",
        "content-type", "application/x-amz-json-1.0",
        "user-agent", "Boto3/1.43.11 test",
        "x-amz-date", "20261124T100000Z",
        "authorization", "AWS4-HMAC-SHA256 Credential=AKIDBOTOCORE/20261124/us-east-1/sqs/"
            + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            + "Signature=07079dd24bb6d46f607fa939e2c2f62d7f4dca2074c0603aa0ae91bff4c3d54d");

    assertThat(expected(request, "botocore-secret-key"))
        .isEqualTo("07079dd24bb6d46f607fa939e2c2f62d7f4dca2074c0603aa0ae91bff4c3d54d");
  }

  @Test
  void reproduces_a_presigned_url_recorded_from_botocore() {
    // botocore 1.43.11's SigV4QueryAuth, same key and clock, expires=300.
    AwsHttpRequest request = Requests.request("GET", "/000000000000/orders",
        "Action=GetQueueAttributes&AttributeName.1=All&Version=2012-11-05"
            + "&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIDBOTOCORE%2F20261124%2Fus-east-1%2Fsqs%2Faws4_request"
            + "&X-Amz-Date=20261124T100000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=4da3620ce022b6d61ee99648f259643a695b850b7a0a7d8424c2bbab1e6b05f0",
        "", "host", "localhost:4566");
    SigV4Authorization authorization = SigV4Authorization.parse(request);

    assertThat(authorization.presigned()).isTrue();
    assertThat(SigV4Signature.compute(request, authorization, "botocore-secret-key",
        SigV4Signature.payloadHash(request.body())))
        .isEqualTo("4da3620ce022b6d61ee99648f259643a695b850b7a0a7d8424c2bbab1e6b05f0");
  }

  @Test
  void reproduces_the_sdk_v2_signer() {
    AwsHttpRequest request = SignedRequests.sdkV2("AKIDV2", "v2-secret", "sqs", "{}");

    assertThat(expected(request, "v2-secret"))
        .isEqualTo(SigV4Authorization.parse(request).signature());
  }

  @Test
  void reproduces_the_sdk_v2_presigner() {
    AwsHttpRequest request =
        SignedRequests.sdkV2Presigned("AKIDV2", "v2-secret", Duration.ofMinutes(5));
    SigV4Authorization authorization = SigV4Authorization.parse(request);

    String withPayloadHash = SigV4Signature.compute(
        request, authorization, "v2-secret", SigV4Signature.payloadHash(request.body()));
    String unsigned = SigV4Signature.compute(
        request, authorization, "v2-secret", SigV4Signature.UNSIGNED_PAYLOAD);

    assertThat(authorization.signature()).isIn(withPayloadHash, unsigned);
  }

  @Test
  void reproduces_the_sdk_v1_signer_which_signs_the_user_agent() {
    AwsHttpRequest request = SignedRequests.sdkV1("AKIDV1", "v1-secret",
        "Action=SendMessage&Version=2012-11-05&MessageBody=hello+world");
    SigV4Authorization authorization = SigV4Authorization.parse(request);

    assertThat(authorization.signedHeaders()).contains("user-agent");
    assertThat(expected(request, "v1-secret")).isEqualTo(authorization.signature());
  }

  @Test
  void a_different_secret_gives_a_different_signature() {
    AwsHttpRequest request = SignedRequests.sdkV2("AKIDV2", "v2-secret", "sqs", "{}");

    assertThat(expected(request, "another-secret"))
        .isNotEqualTo(SigV4Authorization.parse(request).signature());
  }

  private static String expected(AwsHttpRequest request, String secret) {
    SigV4Authorization authorization = SigV4Authorization.parse(request);
    String declared = request.header("x-amz-content-sha256");
    String payloadHash = declared != null ? declared : SigV4Signature.payloadHash(request.body());
    return SigV4Signature.compute(request, authorization, secret, payloadHash);
  }
}
