package dev.sluice.bench.scenario;

/** Scenarios that only Sluice can run (Lambda, mappings, schedules): peers have no such API. */
final class SluiceOnly {

  private SluiceOnly() {}

  static boolean applies(ScenarioContext context) {
    return context.target().equals("sluice");
  }
}
