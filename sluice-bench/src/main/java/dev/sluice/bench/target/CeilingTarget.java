package dev.sluice.bench.target;

import dev.sluice.bench.ceiling.CeilingServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The machine's ceiling: {@link CeilingServer}, a minimal Netty server answering every request
 * with a valid canned SQS response, in its own JVM pinned like the real servers.
 */
public final class CeilingTarget implements Target {

  private static final Pattern READY = Pattern.compile(CeilingServer.READY_PREFIX + "(http://\\S+)");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public String name() {
    return "ceiling";
  }

  @Override
  public boolean holdsLongPolls() {
    return false;
  }

  @Override
  public RunningTarget start(TargetEnvironment environment) throws TargetUnavailableException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            Classpaths.current(),
            CeilingServer.class.getName(),
            "0");
    ChildProcess child =
        ChildProcess.start(name(), environment.pinning().serverCommand(command), Map.of(), READY);
    child.awaitAnnouncedEndpoint(READY_TIMEOUT);
    return child;
  }
}
