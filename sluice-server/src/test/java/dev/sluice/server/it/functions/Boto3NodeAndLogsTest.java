package dev.sluice.server.it.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.PythonScript;
import dev.sluice.server.it.support.ServerPerClass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node.js functions and CloudWatch Logs through unchanged boto3 and the AWS CLI; the script in
 * src/test/python/functions makes its own checks and exits non-zero at the first that fails.
 */
@DisplayName("Node.js functions and CloudWatch Logs through boto3")
class Boto3NodeAndLogsTest extends ServerPerClass {

  @Test
  void boto3_deploys_node_functions_and_reads_their_logs_through_the_logs_api() {
    String output = PythonScript.named("functions/boto3_node_and_logs.py")
        .against(server.endpoint())
        .runsSuccessfully();

    assertThat(output).contains(
        "--- each answers through its own handler style",
        "--- get_log_events returns the invocations framed by START/END/REPORT",
        "--- filter_log_events finds the marker in the group (paginated)",
        "--- aws logs describe-log-groups lists the function's group",
        "--- DeleteLogGroup, then the group does not exist",
        "OK");
  }
}
