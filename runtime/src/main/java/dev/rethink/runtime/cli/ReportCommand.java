package dev.rethink.runtime.cli;

import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.StudyReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code rethink report <run-dir>}: rewrites a run's report.md and curves.png from what the run recorded. */
final class ReportCommand extends Command {
  @Override
  String name() {
    return "report";
  }

  @Override
  String summary() {
    return "Rewrite report.md and curves.png of a run directory from its study.json, summaries and metrics.";
  }

  @Override
  String arguments() {
    return "<run-dir>";
  }

  @Override
  Options options() {
    return new Options();
  }

  @Override
  int execute(CommandLine line, PrintStream out, PrintStream err) {
    RunDirectory run = new RunDirectory(Path.of(single(line, "run directory")));
    if (!Files.isRegularFile(run.studyJson())) {
      throw new UsageException(run.root() + " is not a run directory (no study.json)");
    }
    StudyReport.write(run);
    out.println("report: " + run.report());
    return ExitCodes.OK;
  }
}
