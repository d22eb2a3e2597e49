package dev.sluice.server.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A subcommand contributed the way other modules contribute theirs (listed in this module's test
 * {@code META-INF/services}), to show that {@code sluice} picks such commands up.
 */
@Command(name = "echo-words", description = "Prints its arguments (test-only subcommand).")
public final class EchoSubcommand implements SluiceSubcommand, Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters List<String> words = List.of();

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(String.join(" ", words));
    return 3;
  }
}
