package dev.sluice.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard each scenario runs.
 *
 * @param rounds measurement rounds; targets take turns within each (A B A B)
 * @param measure length of one closed-loop measurement
 * @param targetWarmup the most time a target (and a function, before its warm invokes) is warmed
 *     up before it is measured: until its CPU per operation settles (see {@code Settling})
 * @param warmup load applied before each measurement and thrown away (JIT, connection set-up)
 * @param sendConcurrency outstanding SendMessageBatch requests, one case each (scenario 1)
 * @param receiveConcurrency receivers in the receive+delete scenarios
 * @param prefillMessages messages queued before a receive+delete measurement
 * @param prefillBudget the most time spent prefilling (slow targets get fewer messages)
 * @param longPollRepetitions wake-ups measured per round (scenario 4)
 * @param fifoGroups message groups in the FIFO scenario
 * @param fifoSendConcurrency outstanding SendMessageBatch requests in the FIFO scenario
 * @param backlogMessages messages queued in the backlog scenario (6) before memory is read
 * @param backlogConcurrency outstanding SendMessageBatch requests while filling the backlog
 * @param backlogFillBudget the most time spent filling the backlog; a target whose first seconds
 *     show it cannot make it in time is skipped with its measured rate
 * @param warmInvokes warm synchronous invokes measured per round, each way (scenario 7)
 * @param coldStarts cold starts measured per runtime and round (scenario 7)
 * @param mappingMessages messages sent through the event-source mapping per round (scenario 8)
 * @param mappingRate messages per second sent to the mapped queue (scenario 8)
 * @param scheduleTicks schedule ticks waited for (1 minute each), 0 to leave schedules out
 */
public record BenchSettings(
    String mode,
    int rounds,
    Duration measure,
    Duration targetWarmup,
    Duration warmup,
    List<Integer> sendConcurrency,
    int receiveConcurrency,
    int prefillMessages,
    Duration prefillBudget,
    int longPollRepetitions,
    int fifoGroups,
    int fifoSendConcurrency,
    int backlogMessages,
    int backlogConcurrency,
    Duration backlogFillBudget,
    int warmInvokes,
    int coldStarts,
    int mappingMessages,
    int mappingRate,
    int scheduleTicks) {

  public static final int BATCH_ENTRIES = 10;
  public static final int MESSAGE_BYTES = 1024;

  /** The published figures: several alternating rounds of a few seconds each. */
  public static BenchSettings full() {
    return new BenchSettings(
        "full", 3, Duration.ofSeconds(5), Duration.ofSeconds(180), Duration.ofSeconds(2),
        List.of(1, 8, 64), 8, 100_000, Duration.ofSeconds(10), 200, 10, 8, 1_000_000, 64,
        Duration.ofMinutes(5), 1000, 5, 100, 20, 2);
  }

  /**
   * The smoke run CI executes so the tool never rots: every scenario, briefly. Concurrency 64 is
   * left out: moto answers one request at a time, and draining 64 outstanding requests from it
   * alone takes 20 s. The backlog is 10,000 messages: enough to exercise fill, memory and restart.
   * Functions and mappings get a handful of samples; schedules are left out (they wait for real
   * minute ticks).
   */
  public static BenchSettings quick() {
    return new BenchSettings(
        "quick", 1, Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(250),
        List.of(1, 8), 8, 2_000, Duration.ofMillis(1500), 10, 10, 8, 10_000, 64,
        Duration.ofSeconds(10), 30, 2, 10, 20, 0);
  }

  public BenchSettings withRounds(int newRounds) {
    return copy(newRounds, measure, prefillMessages);
  }

  public BenchSettings withPrefillMessages(int newPrefillMessages) {
    return copy(rounds, measure, newPrefillMessages);
  }

  public BenchSettings withMeasure(Duration newMeasure) {
    return copy(rounds, newMeasure, prefillMessages);
  }

  /** These settings with the three that callers change (records have no withers). */
  private BenchSettings copy(int newRounds, Duration newMeasure, int newPrefillMessages) {
    return new BenchSettings(
        mode, newRounds, newMeasure, targetWarmup, warmup, sendConcurrency, receiveConcurrency,
        newPrefillMessages, prefillBudget, longPollRepetitions, fifoGroups, fifoSendConcurrency,
        backlogMessages, backlogConcurrency, backlogFillBudget, warmInvokes, coldStarts,
        mappingMessages, mappingRate, scheduleTicks);
  }
}
