package dev.rethink.runtime.cli;

import dev.rethink.dsl.study.Study;
import dev.rethink.runtime.study.StudyCatalog;
import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code rethink list}: the registered studies with their descriptions. */
final class ListCommand extends Command {
  @Override
  String name() {
    return "list";
  }

  @Override
  String summary() {
    return "List the studies on the class path with the question each answers.";
  }

  @Override
  int execute(CommandLine line, PrintStream out, PrintStream err) {
    noArguments(line);
    List<Study> studies = StudyCatalog.load().studies();
    if (studies.isEmpty()) {
      err.println("no studies on the class path (register one in META-INF/services/"
          + Study.class.getName() + ")");
      return ExitCodes.OK;
    }
    int width = studies.stream().mapToInt(s -> s.name().length()).max().orElse(0);
    for (Study s : studies) {
      out.printf("%-" + width + "s  %s%n", s.name(), s.description().strip().replaceAll("\\s+", " "));
    }
    return ExitCodes.OK;
  }
}
