package dev.rethink.runtime.cli;

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
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code rethink eval --gt ANNOTATIONS.json --results RESULTS.json --iou-type bbox|segm|keypoints [--json]}:
 * evaluates a COCO results file against COCO annotations exactly as pycocotools' COCOeval and prints the standard
 * summary (12 lines; 10 for keypoints) in its layout, or with {@code --json} one JSON object of the numbers
 * ({@code AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl}; for keypoints {@code AP, AP50, AP75,
 * APm, APl, AR, AR50, AR75, ARm, ARl}) at full double precision.
 *
 * <p>Exit codes: 0 done (also for {@code --help}), 2 bad arguments or bad input (with a message naming the file
 * and entry).
 */
final class EvalCommand extends Command {
  static final Option GT = Option.builder().longOpt("gt").hasArg().argName("ANNOTATIONS.json")
      .desc("COCO ground-truth annotations (images, categories, annotations)").get();
  static final Option RESULTS = Option.builder().longOpt("results").hasArg().argName("RESULTS.json")
      .desc("COCO results: a JSON list of {image_id, category_id, bbox|segmentation|keypoints, score}").get();
  static final Option IOU_TYPE = Option.builder().longOpt("iou-type").hasArg().argName("TYPE")
      .desc("bbox, segm or keypoints").get();
  static final Option JSON = Option.builder().longOpt("json")
      .desc("print one JSON object of the numbers at full precision instead of the summary").get();
  static final Option THREADS = Option.builder().longOpt("threads").hasArg().argName("N")
      .desc("threads for per-image evaluation (default: all processors)").get();

  @Override
  String name() {
    return "eval";
  }

  @Override
  String summary() {
    return "COCO AP of a results file against ground truth, as pycocotools prints it.";
  }

  @Override
  String arguments() {
    return "--gt ANNOTATIONS.json --results RESULTS.json --iou-type bbox|segm|keypoints [--json]";
  }

  @Override
  Options options() {
    return new Options().addOption(GT).addOption(RESULTS).addOption(IOU_TYPE).addOption(JSON).addOption(THREADS);
  }

  @Override
  String footer() {
    return "Exit codes: 0 done, 2 bad arguments or input.";
  }

  @Override
  int execute(CommandLine cmd, PrintStream out, PrintStream err) {
    for (Option required : List.of(GT, RESULTS, IOU_TYPE)) {
      if (!cmd.hasOption(required)) {
        throw new UsageException("missing --" + required.getLongOpt());
      }
    }
    noArguments(cmd);
    IouType iouType;
    try {
      iouType = IouType.valueOf(cmd.getOptionValue(IOU_TYPE).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--iou-type must be bbox, segm or keypoints, was '" + cmd.getOptionValue(IOU_TYPE)
          + "'", e);
    }
    int threads = OptionValues.integer(cmd, THREADS, Runtime.getRuntime().availableProcessors(), 1);
    CocoEvalResult result;
    try {
      CocoGroundTruth gt = CocoJson.readGroundTruth(Path.of(cmd.getOptionValue(GT)));
      List<CocoDetection> detections = CocoJson.readResults(Path.of(cmd.getOptionValue(RESULTS)), gt);
      result = new CocoEval(gt, CocoParams.of(iouType), threads).run(detections);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new BadInputException("cannot read input: " + e.getMessage(), e);
    }
    if (cmd.hasOption(JSON)) {
      try {
        out.println(new ObjectMapper().writeValueAsString(result.statsByName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      result.summaryLines().forEach(out::println);
    }
    return ExitCodes.OK;
  }
}
