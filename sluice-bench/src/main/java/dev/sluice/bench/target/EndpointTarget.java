package dev.sluice.bench.target;

import java.net.URI;
import java.util.OptionalLong;

/** Any other SQS endpoint ({@code --endpoint URL}); the bench neither starts nor stops it. */
public final class EndpointTarget implements Target {

  private final URI endpoint;

  public EndpointTarget(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return "endpoint";
  }

  @Override
  public RunningTarget start(TargetEnvironment environment) throws TargetUnavailableException {
    String problem = Readiness.probe(endpoint);
    if (problem != null) {
      throw new TargetUnavailableException(endpoint + " does not answer SQS: " + problem);
    }
    return new RunningTarget() {
      @Override
      public String name() {
        return "endpoint";
      }

      @Override
      public URI endpoint() {
        return endpoint;
      }

      @Override
      public OptionalLong residentBytes() {
        return OptionalLong.empty();
      }

      @Override
      public String recentLog() {
        return "";
      }

      @Override
      public void close() {}
    };
  }
}
