package dev.rethink.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

/** A subcommand of {@code rethink}: its options, its help, and what it does. */
abstract class Command {
  static final Option HELP = Option.builder("h").longOpt("help").desc("show this help").get();

  /** The name typed after {@code rethink}. */
  abstract String name();

  /** One line for the command list. */
  abstract String summary();

  /** The arguments after the name in the usage line, e.g. {@code <study> [options]}; none by default. */
  String arguments() {
    return "";
  }

  /** The command's options, without {@code --help}; none by default. */
  Options options() {
    return new Options();
  }

  /** Text after the options in the help (defaults, exit codes); empty for none. */
  String footer() {
    return "";
  }

  /**
   * Command lines printed at the end of the help, each complete ({@code rethink run ...}) and working as printed
   * on a fresh checkout: a test runs or checks every one.
   */
  List<String> examples() {
    return List.of();
  }

  /** Runs the parsed command line; returns the exit code. */
  abstract int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception;

  /** Parses {@code args} and runs, or prints the help for {@code --help}. */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Options options = options().addOption(HELP);
    CommandLine line;
    try {
      line = DefaultParser.builder().setAllowPartialMatching(false).get()
          .parse(options, args.toArray(String[]::new));
    } catch (ParseException e) {
      throw new UsageException(e.getMessage(), e);
    }
    if (line.hasOption(HELP)) {
      printHelp(out);
      return ExitCodes.OK;
    }
    return execute(line, out, err);
  }

  void printHelp(PrintStream out) {
    Options options = options().addOption(HELP);
    TextHelpAppendable text = new TextHelpAppendable(out);
    text.setLeftPad(0);
    text.setIndent(0);
    HelpFormatter help = HelpFormatter.builder().setHelpAppendable(text).setShowSince(false).get();
    help.setSyntaxPrefix("usage:");
    try {
      help.printHelp("rethink " + name() + " " + arguments(), summary(), options, footer(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!examples().isEmpty()) {
      // Not through the formatter (which ends with a blank line): it would wrap a command line in the middle.
      out.println(examples().size() == 1 ? "Example:" : "Examples:");
      examples().forEach(e -> out.println("  " + e));
    }
    out.flush();
  }

  /** A usage error when a command that takes no positional arguments got some. */
  void noArguments(CommandLine line) {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException(name() + " takes no arguments, got " + line.getArgList());
    }
  }

  /** The only positional argument, or a usage error naming what is missing. */
  static String single(CommandLine line, String what) {
    List<String> rest = line.getArgList();
    if (rest.isEmpty()) {
      throw new UsageException("missing " + what);
    }
    if (rest.size() > 1) {
      throw new UsageException("expected one " + what + ", got " + rest);
    }
    return rest.get(0);
  }
}
