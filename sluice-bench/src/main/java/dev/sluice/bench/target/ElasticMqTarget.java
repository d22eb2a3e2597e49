package dev.sluice.bench.target;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * ElasticMQ, the reference SQS-compatible server, in its in-memory default configuration. Its jars
 * are resolved from Maven Central into the work folder the first time (never committed), by running
 * Maven's dependency plugin on a generated one-dependency pom.
 */
public final class ElasticMqTarget implements Target {

  public static final String VERSION = "1.7.1";
  static final String ARTIFACT = "org.elasticmq:elasticmq-server_2.13:" + VERSION;
  private static final String MAIN_CLASS = "org.elasticmq.server.Main";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(5);

  @Override
  public String name() {
    return "elasticmq";
  }

  @Override
  public RunningTarget start(TargetEnvironment environment) throws TargetUnavailableException {
    Path home = environment.workDir().resolve("elasticmq-" + VERSION);
    Path lib = resolveJars(home);
    int port = FreePorts.pick();
    Path config = writeConfig(home, port);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dconfig.file=" + config);
    command.addAll(List.of("-cp", lib + "/*", MAIN_CLASS));
    ChildProcess child =
        ChildProcess.start(name(), environment.pinning().serverCommand(command), Map.of(), null);
    child.awaitAnswering(URI.create("http://127.0.0.1:" + port), READY_TIMEOUT);
    return child;
  }

  /** ElasticMQ's jars in {@code home/lib}, downloaded once (a marker file says it completed). */
  private static Path resolveJars(Path home) throws TargetUnavailableException {
    Path lib = home.resolve("lib");
    Path complete = home.resolve("resolved");
    if (Files.exists(complete)) {
      return lib;
    }
    try {
      Files.createDirectories(home);
      Path pom = home.resolve("pom.xml");
      String[] coordinates = ARTIFACT.split(":");
      Files.writeString(
          pom,
          "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
              + "<groupId>dev.sluice.bench</groupId><artifactId>elasticmq-jars</artifactId>"
              + "<version>1</version><packaging>pom</packaging><dependencies><dependency>"
              + "<groupId>" + coordinates[0] + "</groupId><artifactId>" + coordinates[1]
              + "</artifactId><version>" + coordinates[2] + "</version></dependency>"
              + "</dependencies></project>\n",
          StandardCharsets.UTF_8);
      List<String> command =
          List.of(
              "mvn", "-q", "-B", "-f", pom.toString(),
              "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy-dependencies",
              "-DincludeScope=runtime", "-DoutputDirectory=" + lib);
      Path log = home.resolve("resolve.log");
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(RESOLVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new TargetUnavailableException("resolving " + ARTIFACT + " took over 5 minutes");
      }
      if (process.exitValue() != 0 || !hasJars(lib)) {
        throw new TargetUnavailableException(
            "cannot resolve " + ARTIFACT + " from Maven Central (mvn exit " + process.exitValue()
                + "): " + Files.readString(log).strip());
      }
      Files.writeString(complete, ARTIFACT + "\n");
      return lib;
    } catch (IOException e) {
      throw new TargetUnavailableException(
          "cannot resolve " + ARTIFACT + " (is mvn on the PATH?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetUnavailableException("interrupted while resolving " + ARTIFACT, e);
    }
  }

  private static boolean hasJars(Path lib) throws IOException {
    if (!Files.isDirectory(lib)) {
      return false;
    }
    try (Stream<Path> jars = Files.list(lib)) {
      return jars.anyMatch(jar -> jar.getFileName().toString().startsWith("elasticmq-server"));
    }
  }

  /** The in-memory default, on our port; the statistics endpoint is off (it would need a port). */
  private static Path writeConfig(Path home, int port) throws TargetUnavailableException {
    Path config = home.resolve("bench-" + port + ".conf");
    String text =
        "include classpath(\"application.conf\")\n"
            + "node-address { protocol = http, host = \"127.0.0.1\", port = " + port
            + ", context-path = \"\" }\n"
            + "rest-sqs { enabled = true, bind-port = " + port
            + ", bind-hostname = \"127.0.0.1\", sqs-limits = strict }\n"
            + "rest-stats { enabled = false }\n";
    try {
      Files.writeString(config, text, StandardCharsets.UTF_8);
      return config;
    } catch (IOException e) {
      throw new TargetUnavailableException("cannot write " + config + ": " + e.getMessage(), e);
    }
  }
}
