package dev.sluice.bench.target;

/**
 * A target this run deliberately leaves out (moto in {@code --quick}): "starting" it reports the
 * reason, so the run prints and records it like any other skipped target.
 */
public record LeftOutTarget(String name, String reason) implements Target {

  @Override
  public RunningTarget start(TargetEnvironment environment) throws TargetUnavailableException {
    throw new TargetUnavailableException(reason);
  }
}
