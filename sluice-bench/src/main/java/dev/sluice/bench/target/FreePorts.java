package dev.sluice.bench.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** For servers that cannot bind port 0 (ElasticMQ, moto): ask the OS for a free port first. */
final class FreePorts {

  private FreePorts() {}

  static int pick() {
    // A small race (someone else may take the port before the server binds it) that the caller
    // sees as a failed start; acceptable on a benchmark machine.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
