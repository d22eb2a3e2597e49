package dev.sluice.bench.target;

import java.nio.file.Path;
import java.util.List;

/**
 * What targets need from the bench run.
 *
 * @param workDir scratch space under the module's target folder: downloads, data directories
 * @param pinning how server processes are bound to a CPU
 * @param sluiceClasspath classpath holding {@code dev.sluice.server.cli.SluiceCommand}
 * @param sluiceJvmOptions extra JVM options for the Sluice server (e.g. a JFR recording)
 */
public record TargetEnvironment(
    Path workDir, Pinning pinning, String sluiceClasspath, List<String> sluiceJvmOptions) {}
