package dev.sluice.server.http;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's buffer leak detector, off in the shipped server unless asked for.
 *
 * <p>why: at its default level it records a stack trace for one buffer in 128, and the server
 * allocates a few buffers per request: 2.4% of the server's CPU in a receive+delete profile went
 * to filling in those stack traces. Tests, which start the server in-process, keep Netty's
 * default, so a leak still fails loudly there. Asked for with the JVM's
 * {@code -Dio.netty.leakDetection.level=simple} (or {@code advanced}, {@code paranoid}), e.g.
 * through {@code SLUICE_JAVA_OPTS}.
 */
public final class LeakDetection {

  static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";
  /** The name Netty read before 4.1; it still honours it. */
  static final String LEGACY_LEVEL_PROPERTY = "io.netty.leakDetectionLevel";

  private LeakDetection() {}

  /** Turns the detector off unless a level was set on the command line. */
  public static void offUnlessAsked() {
    if (System.getProperty(LEVEL_PROPERTY) == null
        && System.getProperty(LEGACY_LEVEL_PROPERTY) == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }
}
