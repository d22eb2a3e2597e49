package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.lambda.AwsRest;
import dev.sluice.bench.lambda.HandlerPackages;
import dev.sluice.bench.lambda.Lambda;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Scenario 8: an SQS event-source mapping (BatchSize 1) feeding a warm Python handler. Messages
 * go out one at a time at a modest fixed rate; for each, the time from SendMessage returning (the
 * bench's wall clock, microseconds) to the handler's first line (its {@code time.time()}, the same
 * clock, printed to its log and read back through CloudWatch Logs' FilterLogEvents afterwards, so
 * reading it costs the handler nothing measurable). Sluice only.
 */
public final class MappingScenario implements Scenario {

  public static final String ID = "esm";
  private static final Pattern STAMP = Pattern.compile("SLUICE-BENCH-START ([0-9.]+) (\\S+)");
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  private static final int WARM_MESSAGES = 3;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "8. event-source mapping: send to handler start (Sluice only)";
  }

  @Override
  public boolean measuresThroughput() {
    return false;
  }

  @Override
  public String latencyLabel() {
    return "From SendMessage's answer to the handler's first line, ms (BatchSize 1, warm handler)";
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return SluiceOnly.applies(context) ? 1 : 0;
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    if (!SluiceOnly.applies(context)) {
      return List.of();
    }
    BenchSettings settings = context.settings();
    String caseName = "BatchSize 1, " + settings.mappingRate() + " messages/s";
    context.caseStarted().accept(id() + ", " + caseName);
    AwsRest rest = new AwsRest(context.client().endpoint());
    Lambda lambda = new Lambda(rest);
    String name = context.queueName(ID);
    String queueUrl = rest.createQueue(name);
    String mapping = null;
    try {
      lambda.createFunction(name, "python3.11", "handler.handler",
          HandlerPackages.zip("handler.py", HandlerPackages.PYTHON_STAMP), 128);
      // A first invoke starts the environment the mapping will find warm.
      lambda.invoke(name, "{\"Records\":[{\"body\":\"warm-invoke\"}]}", false);
      mapping = lambda.createMapping(rest.queueArn(queueUrl), name, 1);
      Map<String, Sent> warmSent = send(rest, queueUrl, "warm-", WARM_MESSAGES,
          settings.mappingRate());
      awaitStarts(lambda, name, warmSent.keySet());
      Map<String, Sent> sent = send(rest, queueUrl, "m-", settings.mappingMessages(),
          settings.mappingRate());
      Map<String, Long> started = awaitStarts(lambda, name, sent.keySet());
      Histogram fromAnswer = new Histogram(3);
      Histogram fromRequest = new Histogram(3);
      long early = 0;
      long worstEarly = 0;
      for (Map.Entry<String, Sent> message : sent.entrySet()) {
        Long handlerStart = started.get(message.getKey());
        if (handlerStart == null) {
          continue;
        }
        long micros = handlerStart - message.getValue().answerMicros();
        if (micros < 0) {
          // Sluice makes a message receivable before its fsync completes and answers the send
          // after it: the handler can start before the sender hears back.
          early++;
          worstEarly = Math.max(worstEarly, -micros);
        }
        fromAnswer.recordValue(Math.max(0, micros));
        fromRequest.recordValue(Math.max(0, handlerStart - message.getValue().requestMicros()));
      }
      if (early > 0) {
        context.notes().accept(String.format(java.util.Locale.ROOT, "esm: %d of %d handlers "
            + "(round %d) started before the bench had read SendMessage's answer (by up to %.1f "
            + "ms), counted as 0 ms", early, sent.size(), context.round(), worstEarly / 1000.0));
      }
      long missing = sent.size() - started.size();
      String error = missing == 0 ? null
          : missing + " messages did not reach the handler within " + DELIVERY_TIMEOUT.toSeconds()
              + " s";
      return List.of(
          new CaseResult(id(), caseName, context.target(), context.round(), Double.NaN,
              fromAnswer, missing, error),
          new CaseResult(id(), caseName + ", from SendMessage's request", context.target(),
              context.round(), Double.NaN, fromRequest, missing, error));
    } finally {
      if (mapping != null) {
        lambda.deleteMappingQuietly(mapping);
      }
      lambda.deleteFunctionQuietly(name);
      rest.deleteQueueQuietly(queueUrl);
    }
  }

  /** When one message was sent: the bench's wall clock before the request and after the answer. */
  private record Sent(long requestMicros, long answerMicros) {}

  /** Sends {@code count} messages at {@code rate}/s, one at a time; by body. */
  private static Map<String, Sent> send(
      AwsRest rest, String queueUrl, String prefix, int count, int rate) {
    Map<String, Sent> sent = new HashMap<>();
    long start = System.nanoTime();
    long interval = 1_000_000_000L / Math.max(1, rate);
    for (int i = 0; i < count; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        sleepNanos(wait);
      }
      String body = prefix + i;
      long request = epochMicros();
      rest.sqs("SendMessage", Map.of("QueueUrl", queueUrl, "MessageBody", body));
      sent.put(body, new Sent(request, epochMicros()));
    }
    return sent;
  }

  /** Reads the handler's log until every body has its start stamp (or the timeout passes). */
  private static Map<String, Long> awaitStarts(
      Lambda lambda, String function, java.util.Set<String> bodies) {
    long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
    Map<String, Long> started = new HashMap<>();
    while (true) {
      started.clear();
      for (String message : lambda.logMessages(function)) {
        Matcher matcher = STAMP.matcher(message);
        if (matcher.find() && bodies.contains(matcher.group(2))) {
          // time.time() as printed, to the microsecond
          started.putIfAbsent(matcher.group(2),
              Math.round(Double.parseDouble(matcher.group(1)) * 1_000_000));
        }
      }
      if (started.size() >= bodies.size() || System.nanoTime() > deadline) {
        return started;
      }
      sleepNanos(200_000_000L);
    }
  }

  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  private static void sleepNanos(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
