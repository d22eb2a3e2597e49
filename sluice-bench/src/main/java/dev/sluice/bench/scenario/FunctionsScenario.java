package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.lambda.AwsRest;
import dev.sluice.bench.lambda.HandlerPackages;
import dev.sluice.bench.lambda.Lambda;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Scenario 7: Lambda on Sluice alone (ElasticMQ has no Lambda; moto runs functions only in
 * Docker). Warm synchronous Invoke of a Python handler that returns at once: the raw round trip,
 * and Sluice's overhead = round trip minus the handler's own Duration from the REPORT line
 * ({@code X-Amz-Log-Type: Tail}). Cold start for Python, Node.js and Java: the first invoke after
 * CreateFunction or UpdateFunctionConfiguration (a new environment) minus a warm invoke of the
 * same environment right after. Event invokes: 202 answers per second at concurrency 8. A control
 * case, {@code GET /_sluice/health} with the same client, shows what HTTP alone costs.
 */
public final class FunctionsScenario implements Scenario {

  public static final String ID = "functions";
  static final int EVENT_CONCURRENCY = 8;
  private static final int WARM_AFTER_COLD = 3;
  /** The cheapest request Sluice answers: what HTTP and the client cost without Lambda. */
  private static final String HEALTH = "/_sluice/health";
  private static final String PYTHON = "python3.11";
  private static final String NODE = "nodejs20.x";
  private static final String JAVA = "java17";
  /** Java at 512 MB, a common setting; at 128 MB the JVM's heap is 108 MB (design note). */
  private static final int JAVA_MEMORY_MB = 512;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "7. functions: Lambda Invoke, warm and cold (Sluice only)";
  }

  @Override
  public boolean measuresThroughput() {
    return true; // the Event case: invocations accepted per second
  }

  @Override
  public boolean chartsThroughput() {
    return false;
  }

  @Override
  public boolean chartsLogarithmic() {
    return true; // warm invokes take about a millisecond, cold starts hundreds
  }

  @Override
  public String latencyLabel() {
    return "Latency, ms (warm: per Invoke; cold start: first Invoke of a new environment minus a "
        + "warm Invoke; Init Duration: the REPORT line's)";
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return SluiceOnly.applies(context) ? 5 : 0;
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    if (!SluiceOnly.applies(context)) {
      return List.of();
    }
    if (context.round() == 1) {
      context.notes().accept("functions: measured on Sluice only; ElasticMQ has no Lambda, and "
          + motoLambda());
    }
    List<CaseResult> results = new ArrayList<>();
    AwsRest rest = new AwsRest(context.client().endpoint());
    Lambda lambda = new Lambda(rest);
    context.caseStarted().accept(id() + ", warm Invoke");
    results.addAll(warm(context, rest, lambda));
    byte[] python = HandlerPackages.zip("handler.py", HandlerPackages.PYTHON_NOOP);
    byte[] node = HandlerPackages.zip("index.js", HandlerPackages.NODE_NOOP);
    coldStarts(context, lambda, PYTHON, "handler.handler", () -> python, 128, results);
    coldStarts(context, lambda, NODE, "index.handler", () -> node, 128, results);
    coldStarts(context, lambda, JAVA, HandlerPackages.JAVA_HANDLER,
        () -> HandlerPackages.javaNoopJar(temporaryDirectory()), JAVA_MEMORY_MB, results);
    context.caseStarted().accept(id() + ", Event invokes");
    results.add(events(context, lambda));
    return results;
  }

  /** Raw round trip and overhead, interleaved so both see the same moments of a busy machine. */
  private List<CaseResult> warm(ScenarioContext context, AwsRest rest, Lambda lambda) {
    BenchSettings settings = context.settings();
    String name = functionName(context, "warm");
    lambda.createFunction(name, PYTHON, "handler.handler",
        HandlerPackages.zip("handler.py", HandlerPackages.PYTHON_NOOP), 128);
    Histogram roundTrip = new Histogram(3);
    Histogram overhead = new Histogram(3);
    Histogram handler = new Histogram(3);
    Histogram control = new Histogram(3);
    Errors errors = new Errors();
    Errors controlErrors = new Errors();
    try {
      // The cold start, then the server's JIT: the SQS scenarios did not compile Lambda's paths.
      Settling.Outcome warmed = Settling.run(context, settings.targetWarmup(), slice -> {
        long deadline = System.nanoTime() + slice.toNanos();
        long invokes = 0;
        while (System.nanoTime() < deadline) {
          errors.check(lambda.invoke(name, "{}", true));
          invokes++;
        }
        return invokes;
      });
      context.notes().accept("functions, round " + context.round() + ": "
          + warmed.describe(context.target() + "'s warm Invoke", "invokes"));
      errors.reset();
      for (int i = 0; i < settings.warmInvokes(); i++) {
        Lambda.Invoked raw = lambda.invoke(name, "{}", false);
        if (errors.check(raw)) {
          roundTrip.recordValue(micros(raw.roundTripNanos()));
        }
        Lambda.Invoked tailed = lambda.invoke(name, "{}", true);
        if (errors.check(tailed) && !Double.isNaN(tailed.durationMillis())) {
          long handlerMicros = Math.round(tailed.durationMillis() * 1000);
          handler.recordValue(handlerMicros);
          overhead.recordValue(Math.max(0, micros(tailed.roundTripNanos()) - handlerMicros));
        } else if (errors.firstError == null) {
          errors.fail("no REPORT Duration in the log tail: " + tailed.body());
        }
        long start = System.nanoTime();
        AwsRest.Answer health = rest.call("GET", HEALTH, "sqs", java.util.Map.of(), null);
        if (health.ok()) {
          control.recordValue(micros(System.nanoTime() - start));
        } else {
          controlErrors.fail("HTTP " + health.status() + ": " + health.text());
        }
      }
    } finally {
      lambda.deleteFunctionQuietly(name);
    }
    return List.of(
        latencyCase(context, "warm Invoke, round trip (" + PYTHON + ", 128 MB)", roundTrip, errors),
        latencyCase(context, "warm Invoke, Sluice overhead (round trip - REPORT Duration)",
            overhead, errors),
        latencyCase(context, "warm Invoke, handler Duration (REPORT)", handler, errors),
        latencyCase(context, "control: GET " + HEALTH + " round trip, same client", control,
            controlErrors));
  }

  private void coldStarts(
      ScenarioContext context, Lambda lambda, String runtime, String handler,
      Supplier<byte[]> code, int memoryMb, List<CaseResult> results) {
    String caseName = "cold start, " + runtime + " (" + memoryMb + " MB)";
    context.caseStarted().accept(id() + ", " + caseName);
    String name = functionName(context, runtime.replace(".", ""));
    try {
      lambda.createFunction(name, runtime, handler, code.get(), memoryMb);
    } catch (RuntimeException e) {
      context.notes().accept("functions: " + runtime + " not measured: " + e.getMessage());
      return;
    }
    Histogram coldStart = new Histogram(3);
    Histogram init = new Histogram(3);
    Errors errors = new Errors();
    try {
      for (int sample = 0; sample < context.settings().coldStarts(); sample++) {
        if (sample > 0) {
          lambda.setVariable(name, "SAMPLE", Integer.toString(sample)); // the next invoke is cold
        }
        Lambda.Invoked cold = lambda.invoke(name, "{}", true);
        long[] warm = new long[WARM_AFTER_COLD];
        boolean ok = errors.check(cold);
        for (int i = 0; i < warm.length; i++) {
          Lambda.Invoked again = lambda.invoke(name, "{}", false);
          ok &= errors.check(again);
          warm[i] = again.roundTripNanos();
        }
        if (!ok) {
          continue;
        }
        Arrays.sort(warm);
        coldStart.recordValue(Math.max(0, micros(cold.roundTripNanos() - warm[warm.length / 2])));
        if (!Double.isNaN(cold.initMillis())) {
          init.recordValue(Math.round(cold.initMillis() * 1000));
        }
      }
    } finally {
      lambda.deleteFunctionQuietly(name);
    }
    results.add(latencyCase(context, caseName, coldStart, errors));
    if (init.getTotalCount() > 0) {
      results.add(latencyCase(context, "Init Duration (REPORT), " + runtime, init, new Errors()));
    }
  }

  /**
   * Event invokes from 8 threads for one measurement (after a warm-up): 202 answers per second.
   * The function is deleted afterwards so the thousands of queued events are dropped rather than
   * run while the next scenario measures; then the server's CPU is left to settle.
   */
  private CaseResult events(ScenarioContext context, Lambda lambda) {
    BenchSettings settings = context.settings();
    String name = functionName(context, "event");
    lambda.createFunction(name, PYTHON, "handler.handler",
        HandlerPackages.zip("handler.py", HandlerPackages.PYTHON_NOOP), 128);
    ExecutorService threads = Executors.newFixedThreadPool(EVENT_CONCURRENCY);
    try {
      burst(threads, lambda, name, settings.warmup().toNanos());
      long started = System.nanoTime();
      List<EventCounts> counts = burst(threads, lambda, name, settings.measure().toNanos());
      double seconds = (System.nanoTime() - started) / 1e9;
      Histogram latency = new Histogram(3);
      long accepted = 0;
      long failed = 0;
      String firstError = null;
      for (EventCounts count : counts) {
        latency.add(count.latency);
        accepted += count.accepted;
        failed += count.failed;
        firstError = firstError != null ? firstError : count.firstError;
      }
      return new CaseResult(id(), "Event invokes, concurrency " + EVENT_CONCURRENCY,
          context.target(), context.round(), accepted / seconds, latency, failed, firstError);
    } finally {
      threads.shutdownNow();
      lambda.deleteFunctionQuietly(name);
      Quiet.await(context);
    }
  }

  private static List<EventCounts> burst(
      ExecutorService threads, Lambda lambda, String name, long nanos) {
    long deadline = System.nanoTime() + nanos;
    List<Future<EventCounts>> futures = new ArrayList<>();
    for (int i = 0; i < EVENT_CONCURRENCY; i++) {
      futures.add(threads.submit(() -> {
        EventCounts counts = new EventCounts();
        while (System.nanoTime() < deadline) {
          try {
            Lambda.Invoked invoked = lambda.invokeEvent(name, "{}");
            if (invoked.status() == 202) {
              counts.accepted++;
              counts.latency.recordValue(micros(invoked.roundTripNanos()));
            } else {
              counts.fail("HTTP " + invoked.status() + ": " + invoked.body());
            }
          } catch (RuntimeException e) {
            counts.fail(e.toString());
          }
        }
        return counts;
      }));
    }
    List<EventCounts> all = new ArrayList<>();
    for (Future<EventCounts> future : futures) {
      try {
        all.add(future.get(nanos + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS));
      } catch (Exception e) {
        throw new IllegalStateException("an Event invoke thread failed: " + e, e);
      }
    }
    return all;
  }

  private static final class EventCounts {
    final Histogram latency = new Histogram(3);
    long accepted;
    long failed;
    String firstError;

    void fail(String error) {
      failed++;
      firstError = firstError != null ? firstError : error;
    }
  }

  /** Failed invokes of one case: counted, the first one's answer kept. */
  static final class Errors {
    long count;
    String firstError;

    boolean check(Lambda.Invoked invoked) {
      if (invoked.status() == 200 && invoked.functionError() == null) {
        return true;
      }
      fail("HTTP " + invoked.status() + " " + invoked.functionError() + ": " + invoked.body());
      return false;
    }

    void fail(String error) {
      count++;
      firstError = firstError != null ? firstError : error;
    }

    void reset() {
      count = 0;
      firstError = null;
    }
  }

  private CaseResult latencyCase(
      ScenarioContext context, String caseName, Histogram latency, Errors errors) {
    return new CaseResult(id(), caseName, context.target(), context.round(), Double.NaN, latency,
        errors.count, errors.firstError);
  }

  static String functionName(ScenarioContext context, String what) {
    return context.queueName(ID) + "-" + what;
  }

  static long micros(long nanos) {
    return Math.max(0, nanos / 1000);
  }

  private static Path temporaryDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Why moto is not measured here (its Lambda runs handlers only inside Docker containers). */
  static String motoLambda() {
    boolean docker = Files.exists(Path.of("/var/run/docker.sock"));
    return docker
        ? "moto is not measured: its Lambda runs each handler in a Docker container pulled from "
            + "a registry, which the bench does not do"
        : "moto is not measured: moto_server runs Lambda handlers only in Docker containers and "
            + "this machine has no Docker daemon (/var/run/docker.sock is missing); without "
            + "Docker it answers Invoke with a fixed stub and runs no code, nothing to compare";
  }
}
