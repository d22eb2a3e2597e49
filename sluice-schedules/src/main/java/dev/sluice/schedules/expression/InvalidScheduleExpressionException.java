package dev.sluice.schedules.expression;

/**
 * A schedule expression AWS would refuse. EventBridge answers every such case with the same
 * {@code ValidationException "Parameter ScheduleExpression is not valid."}; {@link #reason()} is
 * for logs and tests only.
 */
public final class InvalidScheduleExpressionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String expression;
  private final String reason;

  public InvalidScheduleExpressionException(String expression, String reason) {
    super("Invalid schedule expression '" + expression + "': " + reason);
    this.expression = expression;
    this.reason = reason;
  }

  public String expression() {
    return expression;
  }

  public String reason() {
    return reason;
  }
}
