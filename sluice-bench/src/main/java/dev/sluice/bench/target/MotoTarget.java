package dev.sluice.bench.target;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** moto's server mode ({@code moto_server}), when installed; in memory. */
public final class MotoTarget implements Target {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public String name() {
    return "moto";
  }

  @Override
  public RunningTarget start(TargetEnvironment environment) throws TargetUnavailableException {
    int port = FreePorts.pick();
    List<String> command =
        List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port));
    ChildProcess child =
        ChildProcess.start(name(), environment.pinning().serverCommand(command), Map.of(), null);
    child.awaitAnswering(URI.create("http://127.0.0.1:" + port), READY_TIMEOUT);
    return child;
  }
}
