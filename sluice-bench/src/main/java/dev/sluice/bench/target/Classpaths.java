package dev.sluice.bench.target;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/** This JVM's classpath as a {@code -cp} value for child JVMs, also when started with -jar. */
public final class Classpaths {

  private Classpaths() {}

  /**
   * {@code java.class.path}; when that is a single jar (java -jar), the jar plus its manifest's
   * Class-Path entries, which the child would not see otherwise.
   */
  public static String current() {
    String classpath = System.getProperty("java.class.path");
    if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
      return classpath;
    }
    Path jar = Path.of(classpath).toAbsolutePath();
    List<String> entries = new ArrayList<>(List.of(jar.toString()));
    try (JarFile file = new JarFile(jar.toFile())) {
      String manifestPath =
          file.getManifest() == null
              ? null
              : file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (manifestPath != null) {
        for (String entry : manifestPath.trim().split("\\s+")) {
          entries.add(jar.getParent().resolve(entry).toString());
        }
      }
    } catch (IOException e) {
      // Not a readable jar: the plain classpath is all we have.
    }
    return String.join(File.pathSeparator, entries);
  }
}
