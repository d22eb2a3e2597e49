package dev.sluice.server.cli;

/**
 * A {@code sluice} subcommand from another module ({@code sluice bench} lives in sluice-bench,
 * which depends on the server, so the server cannot name it). Implement this on a picocli
 * {@code @Command} class with a public no-argument constructor and list the class in {@code
 * META-INF/services/dev.sluice.server.cli.SluiceSubcommand}; {@code sluice} adds every one it finds
 * on the classpath, under the name its {@code @Command} gives.
 */
public interface SluiceSubcommand {}
