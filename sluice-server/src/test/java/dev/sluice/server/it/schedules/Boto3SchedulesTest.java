package dev.sluice.server.it.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.PythonScript;
import dev.sluice.server.it.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * EventBridge rules through unchanged boto3; the script in src/test/python/schedules makes its own
 * checks against the AWS recordings and exits non-zero at the first that fails.
 */
@DisplayName("EventBridge rules through boto3")
class Boto3SchedulesTest {

  @Test
  void boto3_runs_a_schedule_rule_now_and_routes_put_events_to_a_pattern_rule() {
    try (TestServer server = TestServer.start()) {
      String output = PythonScript.named("schedules/boto3_schedules.py")
          .against(server.endpoint())
          .runsSuccessfully();

      assertThat(output).contains(
          "--- run now delivers AWS's scheduled event to the SQS target",
          "--- put_events reaches the queue of a matching pattern rule, and only that",
          "OK");
    }
  }

  @Test
  void boto3_routes_put_events_on_a_custom_bus_and_tests_event_patterns() {
    try (TestServer server = TestServer.start()) {
      String output = PythonScript.named("schedules/boto3_event_buses.py")
          .against(server.endpoint())
          .runsSuccessfully();

      assertThat(output).contains(
          "--- a pattern rule on the custom bus gets only its bus's matching events",
          "--- test_event_pattern answers Result, and refuses what AWS refuses",
          "OK");
    }
  }
}
