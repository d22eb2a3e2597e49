package dev.sluice.server.cli;

import dev.sluice.server.SluiceServer;

/**
 * Turns SIGTERM, SIGINT and SIGHUP into a graceful shutdown that exits 0 when it went cleanly.
 *
 * <p>why: on such a signal the JVM runs its shutdown hooks and then exits with 128+signal (143 for
 * SIGTERM), whatever the hooks did. Service managers and scripts read a non-zero code as a crash,
 * so the hook that closed the server ends the JVM itself with {@code halt}: 0 after a clean
 * shutdown, 1 otherwise. If the server was already closed when the JVM began to exit (main
 * returned after a shutdown), the hook leaves the exit code alone. Nothing in Sluice calls
 * System.exit while the server runs; if something did, this hook would still decide the code.
 */
final class GracefulTermination {

  private GracefulTermination() {}

  static void closeOnTermination(SluiceServer server) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (server.closeIfOpen()) {
                    System.out.flush();
                    System.err.flush();
                    Runtime.getRuntime().halt(server.awaitClosed() ? 0 : 1);
                  }
                },
                "sluice-shutdown"));
  }
}
