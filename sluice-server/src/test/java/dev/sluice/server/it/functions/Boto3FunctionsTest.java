package dev.sluice.server.it.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.PythonScript;
import dev.sluice.server.it.support.ServerPerClass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Python functions deployed and invoked with unchanged boto3; the script in
 * src/test/python/functions makes its own checks and exits non-zero at the first that fails.
 */
@DisplayName("Lambda functions through boto3")
class Boto3FunctionsTest extends ServerPerClass {

  @Test
  void boto3_deploys_invokes_and_deletes_python_functions_that_reach_sluice_queues() {
    String output = PythonScript.named("functions/boto3_functions.py")
        .against(server.endpoint())
        .runsSuccessfully();

    assertThat(output).contains(
        "--- a warm environment is reused: module state survives",
        "--- a function's unchanged boto3 code reaches a Sluice queue",
        "--- an Event invocation is accepted with 202 and runs in the background",
        "OK");
  }
}
