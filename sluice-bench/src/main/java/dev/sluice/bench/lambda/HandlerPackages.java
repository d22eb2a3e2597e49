package dev.sluice.bench.lambda;

import dev.sluice.bench.Folders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The deployment packages the bench deploys: tiny handlers that return at once. */
public final class HandlerPackages {

  /** Python: returns at once. */
  public static final String PYTHON_NOOP = "def handler(event, context):\n    return None\n";

  /**
   * Python, for the mapping scenario: the first line reads the clock (the same wall clock the
   * bench reads when SendMessage returns), then one log line per record carries it and the body.
   */
  public static final String PYTHON_STAMP =
      "import time\n"
          + "def handler(event, context):\n"
          + "    started = time.time()\n"
          + "    for record in event['Records']:\n"
          + "        print('SLUICE-BENCH-START %.6f %s' % (started, record['body']))\n";

  public static final String NODE_NOOP = "exports.handler = async () => null;\n";

  static final String JAVA_CLASS = "bench.Noop";
  public static final String JAVA_HANDLER = JAVA_CLASS + "::handleRequest";
  private static final String JAVA_NOOP =
      "package bench;\n"
          + "import com.amazonaws.services.lambda.runtime.Context;\n"
          + "import com.amazonaws.services.lambda.runtime.RequestStreamHandler;\n"
          + "import java.io.InputStream;\n"
          + "import java.io.OutputStream;\n"
          + "public final class Noop implements RequestStreamHandler {\n"
          + "  @Override\n"
          + "  public void handleRequest(InputStream in, OutputStream out, Context context)\n"
          + "      throws java.io.IOException {\n"
          + "    out.write(\"null\".getBytes(java.nio.charset.StandardCharsets.UTF_8));\n"
          + "  }\n"
          + "}\n";

  /** Where sluice-functions keeps AWS's aws-lambda-java-core for its Java runtime. */
  private static final String LAMBDA_CORE_RESOURCE =
      "/dev/sluice/functions/runtime/java/aws-lambda-java-core.jar";

  private HandlerPackages() {}

  /** A zip holding one file. */
  public static byte[] zip(String fileName, String content) {
    return zip(Map.of(fileName, content.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A jar with a {@code RequestStreamHandler} that writes {@code null}, compiled here with the
   * JDK's compiler against the aws-lambda-java-core that Sluice's Java runtime provides. It is
   * built in a new folder under {@code parent}, deleted afterwards.
   *
   * @throws IllegalStateException when this JVM has no compiler (a JRE) or the library is missing
   */
  public static byte[] javaNoopJar(Path parent) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("this JVM has no Java compiler (a JRE, not a JDK)");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory(parent, "sluice-bench-java-handler-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return compileNoopJar(compiler, dir);
    } finally {
      Folders.deleteTree(dir);
    }
  }

  private static byte[] compileNoopJar(JavaCompiler compiler, Path dir) {
    try {
      Path core = dir.resolve("aws-lambda-java-core.jar");
      try (InputStream in = HandlerPackages.class.getResourceAsStream(LAMBDA_CORE_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(LAMBDA_CORE_RESOURCE + " is not on the class path");
        }
        Files.write(core, in.readAllBytes());
      }
      Path source = Files.createDirectories(dir.resolve("src/bench")).resolve("Noop.java");
      Files.writeString(source, JAVA_NOOP);
      Path classes = Files.createDirectories(dir.resolve("classes"));
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int status = compiler.run(null, null, errors, "--release", "11", "-d", classes.toString(),
          "-cp", core.toString(), source.toString());
      if (status != 0) {
        throw new IllegalStateException("javac failed: " + errors.toString(StandardCharsets.UTF_8));
      }
      Map<String, byte[]> files = new TreeMap<>();
      try (Stream<Path> paths = Files.walk(classes)) {
        List<Path> found = new ArrayList<>(paths.filter(Files::isRegularFile).toList());
        for (Path file : found) {
          files.put(classes.relativize(file).toString(), Files.readAllBytes(file));
        }
      }
      return zip(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
