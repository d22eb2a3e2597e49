package dev.sluice.schedules.rules;

/** A domain error of the rules API, mapped to the wire once, in the protocol module. */
public final class EventsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final EventsError error;

  public EventsException(EventsError error, String message) {
    super(message);
    this.error = error;
  }

  public EventsError error() {
    return error;
  }

  public static EventsException validation(String message) {
    return new EventsException(EventsError.VALIDATION, message);
  }

  public static EventsException ruleNotFound(String name) {
    return ruleNotFound(name, Rule.DEFAULT_BUS);
  }

  public static EventsException ruleNotFound(String name, String eventBusName) {
    return new EventsException(EventsError.RESOURCE_NOT_FOUND,
        "Rule " + name + " does not exist on EventBus " + eventBusName + ".");
  }

  public static EventsException busNotFound(String name) {
    return new EventsException(
        EventsError.RESOURCE_NOT_FOUND, "Event bus " + name + " does not exist.");
  }
}
