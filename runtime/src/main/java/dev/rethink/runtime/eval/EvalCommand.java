package dev.rethink.runtime.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.eval.coco.CocoDetection;
import dev.rethink.runtime.eval.coco.CocoEval;
import dev.rethink.runtime.eval.coco.CocoEvalResult;
import dev.rethink.runtime.eval.coco.CocoGroundTruth;
import dev.rethink.runtime.eval.coco.CocoJson;
import dev.rethink.runtime.eval.coco.CocoParams;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

/**
 * {@code rethink eval --gt ANNOTATIONS.json --results RESULTS.json --iou-type bbox|segm|keypoints [--json]}:
 * evaluates a COCO results file against COCO annotations exactly as pycocotools' COCOeval and prints the standard
 * summary (12 lines; 10 for keypoints) in its layout, or with {@code --json} one JSON object of the numbers
 * ({@code AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl}; for keypoints {@code AP, AP50, AP75,
 * APm, APl, AR, AR50, AR75, ARm, ARl}) at full double precision.
 *
 * <p>Exit codes: 0 done (also for {@code --help}), 2 bad arguments or bad input (with a message naming the file
 * and entry on {@code err}).
 */
public final class EvalCommand {
  /** Exit code for bad arguments or input files. */
  public static final int BAD_INPUT = 2;

  private EvalCommand() {}

  /** Runs the command; never calls {@code System.exit}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options options = options();
    CommandLine cmd;
    try {
      cmd = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, args);
    } catch (ParseException e) {
      err.println("rethink eval: " + e.getMessage());
      err.println("Try 'rethink eval --help'.");
      return BAD_INPUT;
    }
    if (cmd.hasOption("help")) {
      printHelp(options, out);
      return 0;
    }
    for (String required : List.of("gt", "results", "iou-type")) {
      if (!cmd.hasOption(required)) {
        err.println("rethink eval: missing --" + required);
        err.println("Try 'rethink eval --help'.");
        return BAD_INPUT;
      }
    }
    if (!cmd.getArgList().isEmpty()) {
      err.println("rethink eval: unexpected argument(s) " + cmd.getArgList());
      return BAD_INPUT;
    }
    IouType iouType;
    try {
      iouType = IouType.valueOf(cmd.getOptionValue("iou-type").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("rethink eval: --iou-type must be bbox, segm or keypoints, was '" + cmd.getOptionValue("iou-type")
          + "'");
      return BAD_INPUT;
    }
    int threads = Runtime.getRuntime().availableProcessors();
    if (cmd.hasOption("threads")) {
      try {
        threads = Integer.parseInt(cmd.getOptionValue("threads"));
        if (threads < 1) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        err.println("rethink eval: --threads must be a positive integer, was '" + cmd.getOptionValue("threads")
            + "'");
        return BAD_INPUT;
      }
    }
    CocoEvalResult result;
    try {
      CocoGroundTruth gt = CocoJson.readGroundTruth(Path.of(cmd.getOptionValue("gt")));
      List<CocoDetection> detections = CocoJson.readResults(Path.of(cmd.getOptionValue("results")), gt);
      result = new CocoEval(gt, CocoParams.of(iouType), threads).run(detections);
    } catch (IllegalArgumentException e) {
      err.println("rethink eval: " + e.getMessage());
      return BAD_INPUT;
    } catch (IOException | UncheckedIOException e) {
      err.println("rethink eval: cannot read input: " + e.getMessage());
      return BAD_INPUT;
    }
    if (cmd.hasOption("json")) {
      try {
        out.println(new ObjectMapper().writeValueAsString(result.statsByName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      result.summaryLines().forEach(out::println);
    }
    return 0;
  }

  private static Options options() {
    return new Options()
        .addOption(Option.builder().longOpt("gt").hasArg().argName("ANNOTATIONS.json")
            .desc("COCO ground-truth annotations (images, categories, annotations)").get())
        .addOption(Option.builder().longOpt("results").hasArg().argName("RESULTS.json")
            .desc("COCO results: a JSON list of {image_id, category_id, bbox|segmentation|keypoints, score}").get())
        .addOption(Option.builder().longOpt("iou-type").hasArg().argName("TYPE")
            .desc("bbox, segm or keypoints").get())
        .addOption(Option.builder().longOpt("json")
            .desc("print one JSON object of the numbers at full precision instead of the summary").get())
        .addOption(Option.builder().longOpt("threads").hasArg().argName("N")
            .desc("threads for per-image evaluation (default: all processors)").get())
        .addOption(Option.builder("h").longOpt("help").desc("print this help").get());
  }

  private static void printHelp(Options options, PrintStream out) {
    HelpFormatter help = HelpFormatter.builder().setHelpAppendable(new TextHelpAppendable(out)).get();
    try {
      help.printHelp("rethink eval --gt ANNOTATIONS.json --results RESULTS.json --iou-type bbox|segm|keypoints "
              + "[--json]",
          "Evaluates COCO results exactly as pycocotools' COCOeval and prints its summary.", options,
          "Exit codes: 0 done, 2 bad arguments or input.", false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
