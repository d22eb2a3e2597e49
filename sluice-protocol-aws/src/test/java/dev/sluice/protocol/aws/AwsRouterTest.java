package dev.sluice.protocol.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.protocol.aws.auth.AwsCredentialsFile;
import dev.sluice.protocol.aws.auth.RequestAuthenticator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsRouterTest {

  private final Harness sluice = new Harness();

  @AfterEach
  void close() {
    sluice.close();
  }

  @Test
  void unsigned_requests_go_to_the_service_that_accepts_them() {
    AwsHttpResponse sqs = sluice.call(Requests.form("/", "Action=ListQueues&Version=2012-11-05"));
    AwsHttpResponse sts = sluice.call(Requests.form("/", "Action=GetCallerIdentity"));

    assertThat(Xml.parse(sqs).rootName()).isEqualTo("ListQueuesResponse");
    assertThat(Xml.parse(sts).rootName()).isEqualTo("GetCallerIdentityResponse");
  }

  @Test
  void signed_requests_go_to_the_service_their_credential_scope_names() {
    // A Query request without Version whose action both services could claim: the scope decides.
    AwsHttpRequest request = Requests.withHeader(
        Requests.withHeader(Requests.form("/", "Action=GetCallerIdentity"),
            "authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/sqs/"
                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=00"),
        "x-amz-date", "20261124T100000Z");

    AwsHttpResponse response = sluice.call(request);

    assertThat(Xml.parse(response).text("/ErrorResponse/Error/Message"))
        .isEqualTo("The action GetCallerIdentity is not valid for this endpoint.");
  }

  @Test
  void a_request_no_service_claims_gets_a_clear_400() {
    AwsHttpResponse xml = sluice.call(Requests.get("/favicon.ico", ""));
    AwsHttpResponse json = sluice.call(Requests.json("AWSLambda.Invoke", "{}"));

    assertThat(xml.status()).isEqualTo(400);
    assertThat(Xml.parse(xml).text("/ErrorResponse/Error/Message"))
        .startsWith("Sluice cannot tell which AWS service this request is for");
    assertThat(json.status()).isEqualTo(400);
    assertThat(Harness.json(json).path("__type").asText())
        .isEqualTo("com.amazon.coral.service#UnknownOperationException");
    assertThat(Harness.json(json).path("message").asText()).contains("AWSLambda.Invoke");
  }

  @Test
  void a_request_signed_for_a_service_sluice_lacks_is_refused_by_name() {
    AwsHttpRequest request = Requests.withHeader(Requests.get("/2015-03-31/functions", ""),
        "authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/lambda/"
            + "aws4_request, SignedHeaders=host, Signature=00");

    AwsHttpResponse response = sluice.call(Requests.withHeader(request, "x-amz-date",
        "20261124T100000Z"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(Xml.parse(response).text("//Message")).contains("'lambda'");
  }

  @Test
  void authentication_failures_are_answered_in_the_services_own_protocol() {
    AwsCredentialsFile credentials = AwsCredentialsFile.parse(
        "[default]\naws_access_key_id=A\naws_secret_access_key=S\n", "test");
    try (Harness verifying =
        new Harness(new RequestAuthenticator(credentials, new ManualTimeSource()))) {

      AwsHttpResponse json = verifying.call(Requests.json("AmazonSQS.ListQueues", "{}"));
      AwsHttpResponse query = verifying.call(Requests.form("/", "Action=ListQueues"));
      AwsHttpResponse sts = verifying.call(Requests.form("/", "Action=GetCallerIdentity"));

      assertThat(json.status()).isEqualTo(403);
      assertThat(json.headers().get("x-amzn-query-error"))
          .isEqualTo("MissingAuthenticationToken;Sender");
      assertThat(Xml.parse(query).text("/ErrorResponse/Error/Code"))
          .isEqualTo("MissingAuthenticationToken");
      assertThat(Xml.parse(query).namespace()).isEqualTo("http://queue.amazonaws.com/doc/2012-11-05/");
      assertThat(Xml.parse(sts).namespace()).isEqualTo("https://sts.amazonaws.com/doc/2011-06-15/");
    }
  }

  @Test
  void a_service_that_throws_yields_a_500_in_its_shape_not_an_exception() {
    AwsService broken = new AwsService() {
      @Override
      public String signingName() {
        return "broken";
      }

      @Override
      public boolean accepts(AwsHttpRequest request) {
        return true;
      }

      @Override
      public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request, Caller caller) {
        throw new IllegalStateException("bug");
      }

      @Override
      public AwsHttpResponse refuse(AwsHttpRequest request, AwsError error) {
        return AwsHttpResponse.of(error.status(), "text/plain", error.queryCode());
      }
    };
    AwsRouter router = new AwsRouter(List.of(broken), RequestAuthenticator.disabled());

    AwsHttpResponse response = router.handle(Requests.get("/", "")).join();

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.bodyText()).isEqualTo("InternalError");
  }
}
