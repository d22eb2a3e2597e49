package dev.sluice.schedules.rules;

/** Told of every rule change once it is stored: the scheduler keeps its timers by it. */
public interface RuleListener {

  void rulePut(Rule rule);

  void ruleDeleted(Rule rule);

  RuleListener NONE = new RuleListener() {
    @Override
    public void rulePut(Rule rule) {}

    @Override
    public void ruleDeleted(Rule rule) {}
  };
}
