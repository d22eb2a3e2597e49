package dev.sluice.server.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code sluice}: the command line. Each job is a subcommand: {@code server} here; commands of
 * modules that build on the server join as {@link SluiceSubcommand}s found on the classpath. The
 * launcher's own {@code bench} and {@code demo} (another jar, a Python script) are named in the
 * help's footer.
 *
 * <p>Exit codes: 0 success, 1 failure at run time (e.g. the port is taken), 2 bad usage or
 * configuration.
 */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Sluice: a self-hosted server that speaks the AWS SQS API.",
    subcommands = {ServerCommand.class, CommandLine.HelpCommand.class},
    // The launcher script runs these itself (they are not in this jar): say so here, where a
    // user looks first.
    footerHeading = "%nThe launcher (./sluice) also runs:%n",
    footer = {
        "  ./sluice bench [OPTIONS]  Runs the benchmark tool (sluice-bench): Sluice",
        "                            against other SQS servers (./sluice bench --help).",
        "  ./sluice demo [OPTIONS]   Runs the pipeline example (examples/README.md)",
        "                            against a running server; needs Python 3 and boto3",
        "                            (./sluice demo --help)."},
    usageHelpAutoWidth = true)
public final class SluiceCommand {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line as {@code main} does, without exiting; returns the exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SluiceCommand());
    for (SluiceSubcommand subcommand : ServiceLoader.load(SluiceSubcommand.class)) {
      commandLine.addSubcommand(subcommand);
    }
    return commandLine
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpLongOptionsMaxWidth(30)
        .setParameterExceptionHandler(SluiceCommand::usageError);
  }

  /** A bad option or value: say which, point to --help, exit 2 (the full usage would bury it). */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getErr().println("sluice: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, command.getErr());
    return pointToHelp(command);
  }

  /** For a bad value found after parsing (configuration checks): the same output and exit code. */
  static int usageError(CommandLine command, String message) {
    command.getErr().println("sluice: " + message);
    return pointToHelp(command);
  }

  private static int pointToHelp(CommandLine command) {
    PrintWriter err = command.getErr();
    err.println(
        "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }
}
