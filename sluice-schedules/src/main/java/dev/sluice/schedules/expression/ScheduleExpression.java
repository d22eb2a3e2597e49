package dev.sluice.schedules.expression;

import java.time.Instant;
import java.util.Optional;

/**
 * A parsed EventBridge schedule expression: {@code rate(...)} or {@code cron(...)}. All times are
 * UTC, as EventBridge rules evaluate them (rules have no time zone; EventBridge Scheduler does).
 */
public sealed interface ScheduleExpression permits RateExpression, CronExpression {

  /**
   * The first tick strictly after {@code after}, or empty if the expression never fires again
   * (a cron whose years are all past).
   *
   * @param anchor when the schedule started (a rule's creation); rate ticks are counted from it
   */
  Optional<Instant> nextTickAfter(Instant after, Instant anchor);

  /** The expression exactly as the client wrote it. */
  String text();

  /**
   * Parses {@code text}.
   *
   * @throws InvalidScheduleExpressionException if AWS would refuse it
   */
  static ScheduleExpression parse(String text) {
    if (text == null) {
      throw new InvalidScheduleExpressionException(null, "no expression");
    }
    if (text.startsWith("rate(") && text.endsWith(")")) {
      return RateExpression.parse(text);
    }
    if (text.startsWith("cron(") && text.endsWith(")")) {
      return CronExpression.parse(text);
    }
    throw new InvalidScheduleExpressionException(text, "neither rate(...) nor cron(...)");
  }
}
