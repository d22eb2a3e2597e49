package dev.sluice.schedules.rules;

/** A rule's State as AWS names it. */
public enum RuleState {
  ENABLED,
  DISABLED
}
