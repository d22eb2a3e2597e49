package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on, for results.json. */
final class MachineInfo {

  private MachineInfo() {}

  static Map<String, String> describe() {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    info.put("arch", System.getProperty("os.arch"));
    info.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    info.put("cpuModel", cpuModel());
    info.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return info;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
