package dev.sluice.schedules.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AWS's documented examples ("Schedule expressions for rules") and the expressions recorded against
 * real AWS in events-test_events_schedule / scheduler-test_scheduler snapshots.
 */
class ScheduleExpressionTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)",
      "rate(7 days)",
      // recorded as accepted by EventBridge
      "cron(0 20 * * ? *)", "cron(0 10 * * ? *)", "cron(15 12 * * ? *)", "cron(0 18 ? * MON-FRI *)",
      "cron(0 8 1 * ? *)", "cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)",
      "cron(0/5 8-17 ? * MON-FRI *)", "cron(0/30 20-23 ? * MON-FRI *)",
      "cron(0/30 0-2 ? * MON-FRI *)", "cron(0 2 ? * SAT *)", "cron(0 12 * * ? *)",
      "cron(5,35 14 * * ? *)", "cron(15 10 ? * 6L 2002-2005)", "cron(0 2 ? * SAT#3 *)",
      "cron(* * ? * SAT#3 *)", "cron(0/5 5 ? JAN 1-5 2022)",
      // recorded as accepted by EventBridge Scheduler (same cron grammar)
      "cron(0-15/1 8-8 ? * 2,3,4,5,6,7 *)", "cron(30-30 13-13 ? * 2,4,6 *)",
      "cron(1-31/30 1-1 ? * 1,7 *)", "cron(*/15 * * * ? *)", "cron(0-59/10 0-23/2 ? * * *)",
      // documented special characters
      "cron(0 10 L * ? *)", "cron(0 10 LW * ? *)", "cron(0 10 3W * ? *)", "cron(0 10 ? * L *)",
      "cron(0 0 ? * 2#1 1970-2199)"})
  void accepts_what_aws_accepts(String expression) {
    assertThat(ScheduleExpression.parse(expression).text()).isEqualTo(expression);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // recorded as refused by EventBridge ("Parameter ScheduleExpression is not valid.")
      "cron(INVALID)", "cron(0 dummy ? * MON-FRI *)", "cron(7 20 * * NOT *)", "cron(71 8 1 * ? *)",
      "cron(0 1 * * * *)",
      // recorded as refused by EventBridge Scheduler
      "cron()", "rate(10 seconds)", "rate(10 years)", "rate()", "rate(10)", "rate(10 minutess)",
      "rate(foo minutes)", "rate(-10 minutes)", "rate( 10 minutes )", " rate(10 minutes)",
      "at(2021-12-31T23:59:59Z)",
      // AWS's singular/plural rule and other documented limits
      "rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(1  minute)",
      "cron(0 10 ? * ? *)", "cron(0 10 * * 1 *)", "cron(0 24 * * ? *)", "cron(0 10 32 * ? *)",
      "cron(0 10 * 13 ? *)", "cron(0 10 ? * 8 *)", "cron(0 10 * * ? 1969)",
      "cron(0 10 * * ? 2200)", "cron(0 10 * * ? ?)", "cron(0 10 ? * 2#6 *)", "cron(0/0 * * * ? *)",
      "cron(0 10 * * ?)", "cron(0 10 * * ? * *)", "cron(0  10 * * ? *)", "", "cron(0 10 ? * 2L,3 *)"})
  void refuses_what_aws_refuses(String expression) {
    assertThatThrownBy(() -> ScheduleExpression.parse(expression))
        .isInstanceOf(InvalidScheduleExpressionException.class);
  }

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "cron(0 20 * * ? *)          | 2026-11-24T22:28:40Z | 2026-11-25T20:00:00Z",
      "cron(0/15 * * * ? *)        | 2026-11-24T22:28:40Z | 2026-11-24T22:30:00Z",
      "cron(0/15 * * * ? *)        | 2026-11-24T22:45:00Z | 2026-11-24T23:00:00Z",
      "cron(0 18 ? * MON-FRI *)    | 2026-11-27T18:00:00Z | 2026-11-30T18:00:00Z",
      "cron(0 8 1 * ? *)           | 2026-11-24T00:00:00Z | 2026-12-01T08:00:00Z",
      "cron(15 10 ? * 6L 2002-2005)| 2002-01-01T00:00:00Z | 2002-01-25T10:15:00Z",
      "cron(15 10 ? * 6L 2002-2005)| 2026-01-01T00:00:00Z | never",
      "cron(0 2 ? * SAT#3 *)       | 2026-11-01T00:00:00Z | 2026-11-21T02:00:00Z",
      "cron(0 10 L * ? *)          | 2028-02-01T00:00:00Z | 2028-02-29T10:00:00Z",
      "cron(0 10 LW * ? *)         | 2026-05-01T00:00:00Z | 2026-05-29T10:00:00Z",
      "cron(0 10 1W * ? *)         | 2026-08-01T00:00:00Z | 2026-08-03T10:00:00Z",
      "cron(0 10 15W * ? *)        | 2026-11-01T00:00:00Z | 2026-11-16T10:00:00Z",
      "cron(0 10 ? * L *)          | 2026-11-24T00:00:00Z | 2026-11-28T10:00:00Z",
      "cron(0 0 ? * FRI-MON *)     | 2026-11-24T00:00:00Z | 2026-11-27T00:00:00Z",
      "cron(0 0 29 2 ? *)          | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z",
      "cron(0/5 5 ? JAN 1-5 2022)  | 2022-01-03T05:58:00Z | 2022-01-04T05:00:00Z",
      "cron(* * ? * SAT#3 *)       | 2026-11-21T23:59:00Z | 2026-12-19T00:00:00Z"})
  void cron_fires_at_the_next_matching_minute_in_utc(String expression, String after, String next) {
    var tick = ScheduleExpression.parse(expression)
        .nextTickAfter(Instant.parse(after), Instant.EPOCH);
    if (next.equals("never")) {
      assertThat(tick).isEmpty();
    } else {
      assertThat(tick).contains(Instant.parse(next));
    }
  }

  @ParameterizedTest(name = "{0} anchored {1}, after {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "rate(1 minute) | 2026-11-24T10:17:30Z | 2026-11-24T10:17:30Z | 2026-11-24T10:18:30Z",
      "rate(1 minute) | 2026-11-24T10:17:30Z | 2026-11-24T10:17:00Z | 2026-11-24T10:18:30Z",
      "rate(5 minutes)| 2026-11-24T10:17:30Z | 2026-11-24T10:40:00Z | 2026-11-24T10:42:30Z",
      "rate(2 hours)  | 2026-11-24T10:00:00Z | 2026-11-24T12:00:00Z | 2026-11-24T14:00:00Z",
      "rate(1 day)    | 2026-11-24T10:00:00Z | 2026-11-30T09:59:59Z | 2026-11-30T10:00:00Z"})
  void rate_ticks_are_counted_from_the_anchor(
      String expression, String anchor, String after, String next) {
    assertThat(ScheduleExpression.parse(expression)
            .nextTickAfter(Instant.parse(after), Instant.parse(anchor)))
        .contains(Instant.parse(next));
  }
}
