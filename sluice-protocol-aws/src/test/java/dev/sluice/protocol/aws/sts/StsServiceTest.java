package dev.sluice.protocol.aws.sts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.Harness;
import dev.sluice.protocol.aws.Requests;
import dev.sluice.protocol.aws.Xml;
import org.junit.jupiter.api.Test;

class StsServiceTest {

  private final StsService sts = new StsService("123456789012");

  @Test
  void get_caller_identity_answers_sts_xml_in_the_sts_namespace() {
    AwsHttpResponse response = call(
        Requests.form("/", "Action=GetCallerIdentity&Version=2011-06-15"), Caller.anonymous());

    Xml xml = Xml.parse(response);
    assertThat(response.status()).isEqualTo(200);
    assertThat(xml.namespace()).isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
    String result = "/GetCallerIdentityResponse/GetCallerIdentityResult/";
    assertThat(xml.text(result + "Account")).isEqualTo("123456789012");
    assertThat(xml.text(result + "Arn")).isEqualTo("arn:aws:iam::123456789012:root");
    assertThat(xml.text(result + "UserId")).isEqualTo("123456789012");
    assertThat(xml.text("/GetCallerIdentityResponse/ResponseMetadata/RequestId")).isNotBlank();
  }

  @Test
  void a_verified_named_profile_is_reported_as_an_iam_user() {
    AwsHttpResponse response = call(Requests.form("/", "Action=GetCallerIdentity"),
        Caller.verified("AKIDALICE", "alice"));

    Xml xml = Xml.parse(response);
    assertThat(xml.text("//Arn")).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(xml.text("//UserId")).isEqualTo("AKIDALICE");
  }

  @Test
  void get_caller_identity_also_answers_the_json_protocol() {
    AwsHttpResponse response = call(Requests.json(
        "AWSSecurityTokenServiceV20110615.GetCallerIdentity", "{}"), Caller.unverified("AKIDX"));

    JsonNode body = Harness.json(response);
    assertThat(response.headers()).containsEntry("Content-Type", "application/x-amz-json-1.0");
    assertThat(body.path("Account").asText()).isEqualTo("123456789012");
    assertThat(body.path("UserId").asText()).isEqualTo("AKIDX");
    assertThat(body.path("Arn").asText()).isEqualTo("arn:aws:iam::123456789012:root");
  }

  @Test
  void other_sts_actions_are_invalid_actions() {
    AwsHttpResponse response = call(
        Requests.form("/", "Action=AssumeRole&Version=2011-06-15"), Caller.anonymous());

    Xml xml = Xml.parse(response);
    assertThat(response.status()).isEqualTo(400);
    assertThat(xml.text("/ErrorResponse/Error/Code")).isEqualTo("InvalidAction");
    assertThat(xml.text("/ErrorResponse/Error/Message"))
        .isEqualTo("Could not find operation AssumeRole for version 2011-06-15");
  }

  @Test
  void accepts_its_own_actions_and_version_but_not_sqs_requests() {
    assertThat(sts.accepts(Requests.form("/", "Action=GetCallerIdentity"))).isTrue();
    assertThat(sts.accepts(Requests.get("/", "Action=GetCallerIdentity&Version=2011-06-15")))
        .isTrue();
    assertThat(sts.accepts(Requests.json("AWSSecurityTokenServiceV20110615.GetCallerIdentity",
        "{}"))).isTrue();
    assertThat(sts.accepts(Requests.form("/", "Action=ListQueues&Version=2012-11-05"))).isFalse();
    assertThat(sts.accepts(Requests.json("AmazonSQS.ListQueues", "{}"))).isFalse();
  }

  private AwsHttpResponse call(AwsHttpRequest request, Caller caller) {
    return sts.handle(request, caller).join();
  }
}
