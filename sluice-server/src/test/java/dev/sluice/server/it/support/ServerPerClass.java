package dev.sluice.server.it.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class's own server with default settings: started before its first test, stopped after
 * its last (the client-script tests need nothing else).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerPerClass {

  protected TestServer server;

  @BeforeAll
  void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }
}
