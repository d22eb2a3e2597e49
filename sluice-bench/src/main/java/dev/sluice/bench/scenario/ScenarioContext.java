package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.SqsClient;
import java.util.function.Consumer;

/**
 * What a scenario runs against.
 *
 * @param target target name in results
 * @param holdsLongPolls false for targets that answer every receive at once (the ceiling)
 * @param client connections to the target, all on the generator's single event-loop thread
 * @param round 1-based round number
 * @param queuePrefix unique per run, so queues never collide with an earlier run's
 * @param caseStarted told the name of each case as it starts (progress bar)
 */
public record ScenarioContext(
    String target,
    boolean holdsLongPolls,
    SqsClient client,
    BenchSettings settings,
    int round,
    String queuePrefix,
    Consumer<String> caseStarted) {

  public String queueName(String scenario) {
    return queuePrefix + "-" + scenario + "-r" + round;
  }
}
