package dev.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.PythonScript;
import dev.sluice.server.it.support.ServerPerClass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * boto3 and the AWS CLI v1, unchanged, against one server: the scripts in src/test/python make
 * their own checks and exit non-zero at the first that fails.
 */
@DisplayName("boto3 and the AWS CLI against Sluice")
class PythonClientsTest extends ServerPerClass {

  @Test
  void boto3_sends_receives_with_all_system_attributes_and_deletes() {
    String output = PythonScript.named("boto3_classic_flow.py").against(server.endpoint())
        .runsSuccessfully();

    assertThat(output).contains("--- delete_message", "OK");
  }

  @Test
  void boto3_gets_the_errors_aws_gives() {
    String output = PythonScript.named("boto3_errors.py").against(server.endpoint())
        .runsSuccessfully();

    assertThat(output).contains("refused as AWS does: AWS.SimpleQueueService.NonExistentQueue");
  }

  @Test
  void boto3_fifo_round_trip_keeps_order_and_drops_duplicates() {
    PythonScript.named("boto3_fifo.py").against(server.endpoint()).runsSuccessfully();
  }

  @Test
  void boto3_speaking_the_query_protocol_gets_xml_answers_it_can_parse() {
    String output = PythonScript.named("boto3_query_protocol.py").against(server.endpoint())
        .runsSuccessfully();

    assertThat(output).contains("--- errors come back in the Query shape", "OK");
  }

  @Test
  void aws_cli_creates_sends_receives_inspects_and_deletes() {
    PythonScript.named("aws_cli_flow.py").against(server.endpoint()).runsSuccessfully();
  }
}
