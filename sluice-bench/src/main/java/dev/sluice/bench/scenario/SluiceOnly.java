package dev.sluice.bench.scenario;

import dev.sluice.bench.target.SluiceTarget;

/**
 * Scenarios that only Sluice can run (Lambda, mappings, schedules): peers have no such API. A
 * baseline build of Sluice runs them too.
 */
final class SluiceOnly {

  private SluiceOnly() {}

  static boolean applies(ScenarioContext context) {
    return context.target().equals("sluice") || context.target().equals(SluiceTarget.BASELINE);
  }
}
