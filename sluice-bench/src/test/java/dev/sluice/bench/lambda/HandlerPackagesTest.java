package dev.sluice.bench.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerPackagesTest {

  @TempDir Path parent;

  @Test
  void the_java_handler_is_compiled_into_a_jar_and_its_build_folder_removed() throws Exception {
    byte[] jar = HandlerPackages.javaNoopJar(parent);

    List<String> entries = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.add(entry.getName());
      }
    }
    assertThat(entries).contains(HandlerPackages.JAVA_CLASS.replace('.', '/') + ".class");
    try (Stream<Path> left = Files.list(parent)) {
      assertThat(left).as("left in the parent folder after the build").isEmpty();
    }
  }
}
