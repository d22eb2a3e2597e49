package dev.sluice.server.it.esm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.PythonScript;
import dev.sluice.server.it.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SQS event-source mappings and Lambda rule targets through unchanged boto3; the scripts in
 * src/test/python/esm make their own checks and exit non-zero at the first that fails.
 */
@DisplayName("Event-source mappings and Lambda rule targets through boto3")
class Boto3EventSourceMappingTest {

  @Test
  void boto3_mappings_feed_a_function_delete_batches_and_send_failures_to_the_dlq() {
    try (TestServer server = TestServer.start()) {
      String output = PythonScript.named("esm/boto3_esm.py")
          .against(server.endpoint())
          .runsSuccessfully();

      assertThat(output).contains(
          "--- a rule's run-now invokes a Lambda target",
          "--- a message reaches the handler in AWS's record shape and is deleted",
          "--- a partial batch failure deletes the successes; the failure ends in the DLQ",
          "--- a disabled mapping delivers nothing",
          "OK");
    }
  }

  @Test
  void a_mapping_survives_a_restart_on_the_same_data_directory() {
    Path dataDir = TestServer.TempDirs.create("sluice-esm-");
    try {
      try (TestServer first = TestServer.start(b -> b.dataDir(dataDir))) {
        PythonScript.named("esm/boto3_esm_restart.py").against(first.endpoint())
            .environment("SLUICE_ESM_PHASE", "before").runsSuccessfully();
      }
      try (TestServer second = TestServer.start(b -> b.dataDir(dataDir))) {
        String output = PythonScript.named("esm/boto3_esm_restart.py")
            .against(second.endpoint())
            .environment("SLUICE_ESM_PHASE", "after").runsSuccessfully();

        assertThat(output).contains("--- after the restart: the mapping is there", "OK");
      }
    } finally {
      TestServer.TempDirs.delete(dataDir);
    }
  }
}
