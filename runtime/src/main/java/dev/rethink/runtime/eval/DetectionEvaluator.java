package dev.rethink.runtime.eval;

import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.eval.coco.CocoGroundTruth;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Session;

/** Evaluates a detector's inference tower over a detection dataset's evaluation split. */
public interface DetectionEvaluator {

  /**
   * Runs the inference tower over every evaluation image (test-size resize, no flip), maps the detections back to
   * the original images, writes them as COCO results files and computes the metrics of {@code eval}.
   *
   * @param groundTruth the evaluation split's COCO ground truth, or null when {@code eval} has no
   *     {@link dev.rethink.dsl.eval.CocoAp} metric
   * @param resultsFiles where the results of each kind go: one COCO results file per kind the detector gives
   *     ({@code bbox}, {@code segm}, {@code keypoints}), as Detectron writes them, each readable by
   *     {@code rethink eval}
   * @return the metrics by name: {@code bbox/AP}, {@code bbox/AP50}, ..., {@code segm/AP}, ... (fractions, as COCO
   *     reports them) for {@code CocoAp}; {@code mAP}, {@code AP/<class>} for {@code VocMap}
   */
  Map<String, Double> evaluate(Session session, VariantGraph graph, DetectionData data, CocoGroundTruth groundTruth,
      EvalSpec eval, Function<IouType, Path> resultsFiles);
}
