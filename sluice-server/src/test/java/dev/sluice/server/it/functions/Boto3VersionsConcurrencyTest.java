package dev.sluice.server.it.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.PythonScript;
import dev.sluice.server.it.support.ServerPerClass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Versions, aliases, reserved concurrency and on-failure destinations through unchanged boto3;
 * the script in src/test/python/functions exits non-zero at the first check that fails.
 */
@DisplayName("Lambda versions, aliases, concurrency and destinations through boto3")
class Boto3VersionsConcurrencyTest extends ServerPerClass {

  @Test
  void boto3_publishes_aliases_throttles_and_reads_a_failure_record_from_sqs() {
    String output = PythonScript.named("functions/boto3_versions_concurrency.py")
        .against(server.endpoint())
        .runsSuccessfully();

    assertThat(output).contains(
        "--- qualified invokes run the version's own code and say which version ran",
        "--- reserved concurrency 0 throttles invokes with AWS's 429 and Reason",
        "throttled as AWS does",
        "--- a failed event ends in the on-failure SQS destination with AWS's record",
        "OK");
  }
}
