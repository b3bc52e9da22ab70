package dev.rethink.runtime.cli;

import com.google.inject.Guice;
import dev.rethink.dsl.Json;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.model.ModelCompiler;
import dev.rethink.runtime.model.ModelModule;
import dev.rethink.runtime.report.VariantLabels;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.tensorflow.Graph;

/**
 * {@code rethink describe <study>}: the variants in execution order with their choices and trainable parameter
 * counts. Each variant's graph is built (no session, no data) to count its parameters.
 */
final class DescribeCommand extends Command {
  static final Option JSON = Option.builder().longOpt("json")
      .desc("print the study's spec as JSON (what a run records as study.json) instead").get();

  @Override
  String name() {
    return "describe";
  }

  @Override
  String summary() {
    return "Show a study's variants: model, norm, init, data, schedule, and trainable parameters.";
  }

  @Override
  String arguments() {
    return "<study|Study.java> [options]";
  }

  @Override
  Options options() {
    return new Options().addOption(Studies.PROFILE).addOption(JSON);
  }

  @Override
  List<String> examples() {
    return List.of("rethink describe PretrainVsScratchClassification",
        "rethink describe MaskRcnnScratchVsPretrained --profile paper --json");
  }

  @Override
  int execute(CommandLine line, PrintStream out, PrintStream err) {
    Study study = Studies.study(single(line, "study name or .java file"));
    StudySpec spec = Studies.define(study, Studies.profile(line, study));
    if (line.hasOption(JSON)) {
      out.println(Json.write(spec));
      return ExitCodes.OK;
    }
    ModelCompiler compiler = Guice.createInjector(new ModelModule()).getInstance(ModelCompiler.class);
    List<VariantSpec> order = spec.executionOrder();
    out.printf("%s (%s profile): %s%n", spec.name(), spec.profile(), spec.description().strip());
    out.printf("%s, in execution order:%n", VariantLabels.count(order.size(), "variant"));
    for (VariantSpec v : order) {
      long parameters;
      try (Graph graph = new Graph()) {
        parameters = compiler.compile(graph, v).trainableParameterCount();
      }
      out.println();
      out.println("  " + v.name());
      field(out, "model", VariantLabels.model(v.model()) + ", " + VariantLabels.head(v.model()));
      field(out, "norm", VariantLabels.norm(v.model().backbone().norm()));
      field(out, "init", VariantLabels.init(v));
      field(out, "data", VariantLabels.data(v.data()) + ", " + VariantLabels.input(v.input()));
      field(out, "schedule", VariantLabels.scheduleDetail(v, spec.profile()));
      field(out, "optimizer", VariantLabels.optimizer(v.optimizer()));
      field(out, "eval", VariantLabels.eval(v.eval()));
      field(out, "seed", Long.toString(v.seed()));
      field(out, "trainable", VariantLabels.parameters(parameters) + String.format(Locale.ROOT, " (%,d)",
          parameters));
    }
    return ExitCodes.OK;
  }

  private static void field(PrintStream out, String name, String value) {
    out.printf("    %-10s %s%n", name, value);
  }
}
