package dev.sluice.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Java deployment packages built in tests: handler sources compiled with the JDK's compiler
 * against aws-lambda-java-core and -events (the test class path), packed as AWS expects them.
 */
final class JavaHandlers {

  private JavaHandlers() {}

  /** The jar holding a class of the test class path (aws-lambda-java-events, joda-time...). */
  static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The libraries a handler using the event types ships in {@code lib/}, as on AWS. */
  static List<Path> eventLibraries() {
    return List.of(jarOf(RequestHandler.class), jarOf(SQSEvent.class),
        jarOf(org.joda.time.DateTime.class));
  }

  /**
   * Compiles the sources (class name to source) for Java 11 and returns their class files by path
   * ({@code pkg/Name.class}).
   */
  static Map<String, byte[]> compile(Path workDir, Map<String, String> sources) {
    try {
      Path src = Files.createDirectories(workDir.resolve("src"));
      Path out = Files.createDirectories(workDir.resolve("classes"));
      List<String> arguments = new ArrayList<>(List.of("--release", "11", "-d", out.toString(),
          "-cp", String.join(":", eventLibraries().stream().map(Path::toString).toList())));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        arguments.add(file.toString());
      }
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
      if (status != 0) {
        throw new IllegalStateException("javac failed: " + errors.toString(StandardCharsets.UTF_8));
      }
      Map<String, byte[]> classes = new java.util.TreeMap<>();
      try (Stream<Path> files = Files.walk(out)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          classes.put(out.relativize(file).toString(), Files.readAllBytes(file));
        }
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A jar: the classes at the root, nothing else (a "fat jar" without dependencies). */
  static byte[] jar(Map<String, byte[]> classes) {
    return zip(classes, List.of());
  }

  /** AWS's zip layout: the classes at the root, the libraries in {@code lib/}. */
  static byte[] zip(Map<String, byte[]> classes, List<Path> libraries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : classes.entrySet()) {
        put(zip, file.getKey(), file.getValue());
      }
      for (Path library : libraries) {
        put(zip, "lib/" + library.getFileName(), Files.readAllBytes(library));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void put(ZipArchiveOutputStream zip, String name, byte[] content)
      throws IOException {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setUnixMode(0100644);
    zip.putArchiveEntry(entry);
    zip.write(content);
    zip.closeArchiveEntry();
  }
}
