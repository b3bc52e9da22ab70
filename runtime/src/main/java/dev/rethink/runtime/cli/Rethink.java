package dev.rethink.runtime.cli;

import com.google.inject.CreationException;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import dev.rethink.dsl.SpecException;
import dev.rethink.runtime.study.StudyDefinitionException;
import dev.rethink.runtime.study.StudySourceException;
import dev.rethink.runtime.study.UnknownStudyException;
import dev.rethink.runtime.train.control.RunLockedException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rethink} command line. {@code ./rethink} at the repository root builds what is missing and runs
 * this class.
 *
 * <pre>
 * rethink list
 * rethink describe &lt;study&gt; [--profile quick|paper]
 * rethink run &lt;study&gt; [--profile quick|paper] [--variant NAME]... [--out DIR] [--device cpu|gpu] [--seed N]
 * rethink eval ...        rethink bench ...        rethink report &lt;run-dir&gt;
 * </pre>
 *
 * Exit codes: {@link ExitCodes#OK}, {@link ExitCodes#FAILURE}, {@link ExitCodes#USAGE}.
 */
public final class Rethink {
  private Rethink() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, Environment.system()));
  }

  /** Runs a command line against this process's environment; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Environment.system());
  }

  /** The commands in usage order; {@code runOverrides} replaces bindings of {@code run}'s modules. */
  static List<Command> commands(Environment environment, Module runOverrides) {
    return List.of(new ListCommand(), new DescribeCommand(), new RunCommand(environment, runOverrides),
        new EvalCommand(), new BenchCommand(), new ReportCommand(), new EnvCommand(environment));
  }

  static int run(String[] args, PrintStream out, PrintStream err, Environment environment) {
    return run(args, out, err, environment, Modules.EMPTY_MODULE);
  }

  /** With {@code runOverrides} replacing bindings of {@code run}'s modules (tests: a full disk). */
  static int run(String[] args, PrintStream out, PrintStream err, Environment environment, Module runOverrides) {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command c : commands(environment, runOverrides)) {
      commands.put(c.name(), c);
    }
    if (args.length == 0) {
      usage(err, commands);
      return ExitCodes.USAGE;
    }
    String name = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
      if (!rest.isEmpty() && commands.containsKey(rest.get(0))) {
        commands.get(rest.get(0)).printHelp(out);
      } else {
        usage(out, commands);
      }
      return ExitCodes.OK;
    }
    Command command = commands.get(name);
    if (command == null) {
      err.println("rethink: unknown command '" + name + "'");
      usage(err, commands);
      return ExitCodes.USAGE;
    }
    try {
      return command.run(rest, out, err);
    } catch (UsageException e) {
      err.println("rethink " + name + ": " + e.getMessage());
      err.println("see: rethink " + name + " --help");
      return ExitCodes.USAGE;
    } catch (BadInputException | UnknownStudyException | StudySourceException e) {
      err.println("rethink " + name + ": " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (StudyDefinitionException e) {
      // The user's spec code: exit 2 like any spec error; its stack trace only on request.
      err.println("rethink " + name + ": " + e.getMessage());
      if (debug(environment)) {
        e.getCause().printStackTrace(err);
      }
      return ExitCodes.USAGE;
    } catch (Throwable e) {
      Throwable cause = unwrap(e);
      if (cause instanceof SpecException) {
        err.println("rethink " + name + ": spec error: " + cause.getMessage());
        return ExitCodes.USAGE;
      }
      err.println("rethink " + name + ": error: " + describe(cause));
      if (debug(environment)) {
        cause.printStackTrace(err);
      } else if (!(cause instanceof RunLockedException)) {
        err.println("(set RETHINK_DEBUG=1 for the stack trace)");
      }
      return ExitCodes.FAILURE;
    }
  }

  private static void usage(PrintStream to, Map<String, Command> commands) {
    to.println("usage: rethink <command> [options]");
    to.println();
    to.println("Studies of \"Rethinking ImageNet Pre-training\" (He, Girshick, Dollar 2019): each study compares");
    to.println("variants (architecture, normalization, initialization, schedule) trained and evaluated here.");
    to.println();
    to.println("commands:");
    commands.values().forEach(c -> to.printf("  %-9s %s%n", c.name(), c.summary()));
    to.println();
    to.println("rethink <command> --help shows a command's options. A study is a name from `rethink list` or");
    to.println("the path of a .java file implementing dev.rethink.dsl.study.Study.");
  }

  /** {@code RETHINK_DEBUG} set: stack traces of failures are printed. */
  private static boolean debug(Environment environment) {
    return environment.variables().containsKey("RETHINK_DEBUG");
  }

  /** The exception that explains the failure, out of Guice's wrappers. */
  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof ProvisionException || t instanceof CreationException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String describe(Throwable t) {
    StringBuilder s = new StringBuilder(t.getMessage() != null ? t.getMessage() : t.toString());
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !s.toString().contains(c.getMessage())) {
        s.append(": ").append(c.getMessage());
      }
    }
    return s.toString();
  }
}
