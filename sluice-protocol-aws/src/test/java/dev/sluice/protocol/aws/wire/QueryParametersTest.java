package dev.sluice.protocol.aws.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.protocol.aws.Requests;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void merges_the_query_string_and_the_form_body() {
    var request = Requests.request("POST", "/", "Version=2012-11-05", "Action=ListQueues&x=a+b%2Bc",
        "content-type", "application/x-www-form-urlencoded");

    assertThat(QueryParameters.of(request))
        .containsEntry("Version", "2012-11-05")
        .containsEntry("Action", "ListQueues")
        .containsEntry("x", "a b+c");
  }

  @Test
  void finds_one_parameter_without_confusing_it_with_longer_names() {
    var request = Requests.form("/", "MyAction=no&Action=Send%20It&Actions=no");

    assertThat(QueryParameters.find(request, "Action")).isEqualTo("Send It");
    assertThat(QueryParameters.find(request, "Version")).isNull();
  }

  @Test
  void a_json_body_is_not_read_as_a_form() {
    var request = Requests.json("AmazonSQS.ListQueues", "{\"Action\":\"x\"}");

    assertThat(QueryParameters.of(request)).isEmpty();
  }

  @Test
  void a_bad_percent_escape_is_a_malformed_query_string() {
    assertThatThrownBy(() -> QueryParameters.parse("a=%g1"))
        .isInstanceOfSatisfying(MalformedRequestException.class,
            e -> assertThat(e.error().queryCode()).isEqualTo("MalformedQueryString"));
  }
}
