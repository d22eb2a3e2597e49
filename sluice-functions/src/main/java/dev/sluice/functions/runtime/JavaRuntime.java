package dev.sluice.functions.runtime;

import dev.sluice.functions.FunctionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The {@code java8.al2}, {@code java11}, {@code java17} and {@code java21} runtimes: the {@code
 * java} on the PATH runs AWS's own Runtime Interface Client (RIC), which loads the handler from
 * the task root ({@code pkg.Class::method} or {@code pkg.Class}; classes at the root, jars in
 * {@code lib/}) in its own class loader, exactly as on AWS.
 *
 * <p>The RIC and its few dependencies travel as resources of this module (copied by the build,
 * never on Sluice's class path) and are installed under {@code <runtimes>/java}; the function's
 * JVM sees them and the function's code, nothing of Sluice. Its JNI library is unpacked once here
 * and named with a system property: by default every JVM would unpack it to one fixed {@code /tmp}
 * path at start, a race between environments starting together.
 *
 * <p>A runtime {@code javaN} needs a JVM of version N or later (class files of a newer Java do not
 * load on an older one; older ones run on newer JVMs unchanged). Each environment runs on the one
 * JVM found, whatever N: a machine has one {@code java} on its PATH.
 */
final class JavaRuntime {

  /** Runtime name to the minimum Java feature version it needs. */
  static final Map<String, Integer> RUNTIMES =
      Map.of("java8.al2", 8, "java11", 11, "java17", 17, "java21", 21);

  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  private static final String RESOURCES = "java/";
  /** The jars the build copies (pom.xml, maven-dependency-plugin), fixed names. */
  private static final List<String> CLASSPATH = List.of(
      "aws-lambda-java-runtime-interface-client.jar", "aws-lambda-java-core.jar",
      "aws-lambda-java-serialization.jar", "utils-lite.jar", "annotations.jar");
  private static final String JNI_LIBRARY = "libaws-lambda-jni.so";

  /** The JVM's share of the function's memory; the rest is metaspace, code, stacks, native. */
  static final double HEAP_SHARE = 0.85;

  private static volatile Optional<Jvm> jvm;

  private final Path home;

  /** Installs the RIC's class path and JNI library under {@code runtimesDir/java}. */
  JavaRuntime(Path runtimesDir) {
    this.home = runtimesDir.resolve("java");
    try {
      Files.createDirectories(home);
      for (String jar : CLASSPATH) {
        install(RESOURCES + jar, home.resolve(jar));
      }
      unpackJni(home.resolve(JNI_LIBRARY));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot install the Java runtime under " + home, e);
    }
  }

  static boolean isJava(String runtime) {
    return RUNTIMES.containsKey(runtime);
  }

  /** Throws InvalidParameterValueException unless a recent enough JVM is on the PATH. */
  void checkAvailable(String runtime) {
    int needed = RUNTIMES.get(runtime);
    Optional<Jvm> found = jvm();
    if (found.isEmpty()) {
      throw FunctionException.invalidParameter("The runtime " + runtime + " is not available on"
          + " this Sluice host: no Java " + needed + " or later (java) was found on the PATH.");
    }
    if (found.get().feature() < needed) {
      throw FunctionException.invalidParameter("The runtime " + runtime + " is not available on"
          + " this Sluice host: it needs Java " + needed + " or later and the java on the PATH"
          + " is Java " + found.get().feature() + ".");
    }
  }

  /**
   * The command: AWS's JVM flags (fast cold starts with the C1 compiler only, class data sharing,
   * serial GC) and a heap of {@link #HEAP_SHARE} of the function's memory. JAVA_TOOL_OPTIONS from
   * the function's environment reaches the JVM through the process environment, as on AWS.
   */
  List<String> command(String runtime, String handler, int memoryMb) {
    checkAvailable(runtime);
    List<String> command = new ArrayList<>();
    command.add(jvm().orElseThrow().executable());
    command.add("-XX:+TieredCompilation");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-XX:+UseSerialGC");
    command.add("-Xmx" + heapMb(memoryMb) + "m");
    command.add("-XX:MaxMetaspaceSize=" + Math.max(32, memoryMb / 10) + "m");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-D" + JNI_PROPERTY + "=" + home.resolve(JNI_LIBRARY));
    command.add("-cp");
    command.add(CLASSPATH.stream().map(jar -> home.resolve(jar).toString())
        .collect(Collectors.joining(":")));
    command.add(MAIN_CLASS);
    command.add(handler == null ? "" : handler);
    return command;
  }

  static int heapMb(int memoryMb) {
    return (int) (memoryMb * HEAP_SHARE);
  }

  private static Optional<Jvm> jvm() {
    Optional<Jvm> found = jvm;
    if (found == null) {
      found = probeJvm();
      jvm = found;
    }
    return found;
  }

  // `java -XshowSettings:properties -version` names the real home (not a symlink on the PATH)
  // and the feature version, whatever the vendor's version string looks like.
  private static Optional<Jvm> probeJvm() {
    try {
      Process process = new ProcessBuilder("java", "-XshowSettings:properties", "-version")
          .redirectErrorStream(true).start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String javaHome = property(output, "java.home");
      String specification = property(output, "java.specification.version");
      if (javaHome == null || specification == null) {
        return Optional.empty();
      }
      // "1.8" for Java 8, "17" for Java 17.
      String feature = specification.startsWith("1.") ? specification.substring(2) : specification;
      Path executable = Path.of(javaHome, "bin", "java");
      return Optional.of(new Jvm(Files.isExecutable(executable) ? executable.toString() : "java",
          Integer.parseInt(feature)));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String property(String settings, String name) {
    for (String line : settings.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith(name + " = ")) {
        return trimmed.substring(name.length() + 3).strip();
      }
    }
    return null;
  }

  private static void install(String resource, Path target) throws IOException {
    try (InputStream in = JavaRuntime.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource
            + " (the build copies the Java runtime's jars)");
      }
      copyAtomically(in, target);
    }
  }

  // The RIC jar holds one library per platform; this is the one the RIC itself would pick on a
  // glibc Linux (musl systems are not supported).
  private static void unpackJni(Path target) throws IOException {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String platform = arch.equals("aarch64") || arch.equals("arm64")
        ? "linux-aarch_64" : "linux-x86_64";
    String entry = "jni/libaws-lambda-jni." + platform + ".so";
    try (var jar = new java.util.zip.ZipFile(home(target).resolve(CLASSPATH.get(0)).toFile())) {
      var zipEntry = jar.getEntry(entry);
      if (zipEntry == null) {
        throw new IllegalStateException("The Lambda runtime client has no " + entry);
      }
      try (InputStream in = jar.getInputStream(zipEntry)) {
        copyAtomically(in, target);
      }
    }
  }

  private static Path home(Path fileInHome) {
    return fileInHome.getParent();
  }

  // Environments of running servers may be loading these files: replace, never rewrite in place.
  private static void copyAtomically(InputStream in, Path target) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private record Jvm(String executable, int feature) {}
}
