package dev.sluice.bench.target;

import dev.sluice.bench.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sluice as shipped: {@code sluice server --port 0} in its own JVM, embedded store (RocksDB, fsync
 * on every acknowledged change), a fresh data directory per run.
 */
public final class SluiceTarget implements Target {

  public static final String MAIN_CLASS = "dev.sluice.server.cli.SluiceCommand";
  /** Another build of Sluice, measured beside this one for an A/B comparison in one run. */
  public static final String BASELINE = "sluice-baseline";

  private static final Pattern READY = Pattern.compile("Sluice ready on (http://\\S+)");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  /** Null: the bench's own Sluice classpath. */
  private final String classpath;

  /** This checkout's Sluice. */
  public SluiceTarget() {
    this("sluice", null);
  }

  private SluiceTarget(String name, String classpath) {
    this.name = name;
    this.classpath = classpath;
  }

  /** Another build's Sluice (its jar plus libraries), started and measured like this one. */
  public static SluiceTarget baseline(String classpath) {
    return new SluiceTarget(BASELINE, classpath);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RunningTarget start(TargetEnvironment environment) throws TargetUnavailableException {
    Path dataDir;
    try {
      Files.createDirectories(environment.workDir());
      dataDir = Files.createTempDirectory(environment.workDir(), "sluice-data-");
    } catch (IOException e) {
      throw new TargetUnavailableException("cannot create a data directory: " + e.getMessage(), e);
    }
    SluiceProcess server = new SluiceProcess(environment, dataDir);
    try {
      server.launch();
    } catch (TargetUnavailableException e) {
      Folders.deleteTree(dataDir);
      throw e;
    }
    return server;
  }

  /** One Sluice server on one data directory; a restart replaces the process, not the data. */
  private final class SluiceProcess implements RestartableTarget {

    private final TargetEnvironment environment;
    private final Path dataDir;
    private volatile ChildProcess child;

    SluiceProcess(TargetEnvironment environment, Path dataDir) {
      this.environment = environment;
      this.dataDir = dataDir;
    }

    void launch() throws TargetUnavailableException {
      child =
          ChildProcess.start(
              SluiceTarget.this.name(), environment.pinning().serverCommand(command()),
              neutralEnvironment(), READY);
      child.awaitAnnouncedEndpoint(READY_TIMEOUT);
    }

    @Override
    public Restart restart() throws TargetUnavailableException {
      long stopping = System.nanoTime();
      ChildProcess old = child;
      old.close();
      Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
      long started = System.nanoTime();
      launch();
      return new Restart(stopped, old.killed(), started, child.readyNanos(), child.endpoint());
    }

    @Override
    public long dataBytes() {
      try (Stream<Path> paths = Files.walk(dataDir)) {
        return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
      } catch (IOException | UncheckedIOException e) {
        // RocksDB deletes files while we walk (compaction): report what could be seen.
        return 0;
      }
    }

    private List<String> command() {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(environment.sluiceJvmOptions());
      command.addAll(List.of(
          "-cp", classpath != null ? classpath : environment.sluiceClasspath(), MAIN_CLASS));
      command.addAll(
          List.of(
              "server", "--port", "0", "--store", "embedded", "--data-dir", dataDir.toString()));
      return command;
    }

    @Override
    public String name() {
      return child.name();
    }

    @Override
    public URI endpoint() {
      return child.endpoint();
    }

    @Override
    public OptionalLong residentBytes() {
      return child.residentBytes();
    }

    @Override
    public OptionalLong cpuNanos() {
      return child.cpuNanos();
    }

    @Override
    public OptionalDouble compileSeconds() {
      return child.compileSeconds();
    }

    @Override
    public String recentLog() {
      return child.recentLog();
    }

    @Override
    public void freeze() {
      child.freeze();
    }

    @Override
    public void thaw() {
      child.thaw();
    }

    /** Stops the server, then removes its data directory (a full run leaves gigabytes). */
    @Override
    public void close() {
      child.close();
      Folders.deleteTree(dataDir);
    }
  }

  /** The developer's SLUICE_* settings must not change what is measured. */
  private static Map<String, String> neutralEnvironment() {
    Map<String, String> environmentVariables = new HashMap<>();
    System.getenv().keySet().stream()
        .filter(name -> name.startsWith("SLUICE_"))
        .forEach(name -> environmentVariables.put(name, ""));
    return environmentVariables;
  }

}
