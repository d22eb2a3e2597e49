package dev.sluice.server.cli;

import dev.sluice.server.SluiceVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code sluice --version}: Sluice's version and the Java it runs on. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "sluice " + SluiceVersion.current(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
