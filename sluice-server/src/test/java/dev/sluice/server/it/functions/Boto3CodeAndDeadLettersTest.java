package dev.sluice.server.it.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.PythonScript;
import dev.sluice.server.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server's function concurrency flag as GetAccountSettings reports it, large code uploads
 * and Code.Location, ListFunctions over all versions, InvokeAsync, dead-letter
 * queues and a mapping on an alias through unchanged boto3; the script in src/test/python/functions
 * exits non-zero at the first check that fails.
 */
@DisplayName("Lambda code uploads, InvokeAsync, dead letters and alias mappings through boto3")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Boto3CodeAndDeadLettersTest {

  TestServer server;

  @BeforeAll
  void startServer() {
    server = TestServer.start(config -> config.functionConcurrency(7));
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Test
  void boto3_uploads_large_code_reads_it_back_and_gets_dead_letters_with_aws_attributes() {
    String output = PythonScript.named("functions/boto3_code_and_dead_letters.py")
        .against(server.endpoint())
        .environment("SLUICE_EXPECTED_CONCURRENCY", "7")
        .runsSuccessfully();

    assertThat(output).contains(
        "--- the server's --function-concurrency is the account's concurrency limit",
        "--- a 12 MB package (a 16 MB request, over the 8 MiB limit) is accepted",
        "--- other requests keep the 8 MiB limit",
        "refused as AWS does: RequestEntityTooLargeException 'Request must be smaller than"
            + " 70167211 bytes for the CreateFunction operation'",
        "refused as AWS does: RequestEntityTooLargeException 'Zipped size must be smaller than"
            + " 52428800 bytes'",
        "--- an event that fails for good goes to the DeadLetterConfig queue",
        "--- an event-source mapping on an alias invokes the alias",
        "OK");
  }
}
