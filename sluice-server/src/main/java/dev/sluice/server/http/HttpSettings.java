package dev.sluice.server.http;

/** What the HTTP layer needs from the server's configuration. */
public record HttpSettings(String host, int port, int maxRequestSize) {}
