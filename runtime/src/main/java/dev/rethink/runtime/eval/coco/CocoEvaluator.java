package dev.rethink.runtime.eval.coco;

import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.eval.Evaluator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer's COCO evaluator: collects detections over an evaluation pass, then evaluates them for each IoU
 * type of a {@code CocoAp} metric.
 *
 * <p>A detection may carry a box, a mask and keypoints at once (a Mask R-CNN output); each IoU type sees it as the
 * corresponding single-kind result ({@link CocoDetection#box}, {@link CocoDetection#mask},
 * {@link CocoDetection#keypoints}), so that areas are the ones a results file of that kind would give — the
 * Detectron convention of one results file per type. Category ids are the dataset's; map contiguous class indices
 * with {@link CocoGroundTruth#categoryId(int)}.
 */
public final class CocoEvaluator implements Evaluator<List<CocoDetection>> {
  private final CocoGroundTruth groundTruth;
  private final List<IouType> iouTypes;
  private final int threads;
  private final List<CocoDetection> detections = new ArrayList<>();
  private final Map<IouType, CocoEvalResult> results = new EnumMap<>(IouType.class);

  /** Evaluates each listed type with all available processors. */
  public CocoEvaluator(CocoGroundTruth groundTruth, List<IouType> iouTypes) {
    this(groundTruth, iouTypes, Runtime.getRuntime().availableProcessors());
  }

  public CocoEvaluator(CocoGroundTruth groundTruth, List<IouType> iouTypes, int threads) {
    if (iouTypes.isEmpty()) {
      throw new IllegalArgumentException("needs at least one IoU type");
    }
    this.groundTruth = groundTruth;
    this.iouTypes = List.copyOf(iouTypes);
    this.threads = threads;
  }

  @Override
  public void add(List<CocoDetection> batch) {
    detections.addAll(batch);
  }

  /** {@code <type>/<stat>} for each type, e.g. {@code bbox/AP}, {@code bbox/AP50}, ..., {@code segm/ARl}. */
  @Override
  public Map<String, Double> summarize() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (IouType type : iouTypes) {
      CocoEvalResult result = new CocoEval(groundTruth, CocoParams.of(type), threads).run(view(type));
      results.put(type, result);
      result.statsByName().forEach((name, value) -> out.put(type.cocoName() + "/" + name, value));
    }
    return out;
  }

  /** The full result of the last {@link #summarize()} for a type (precision arrays, summary lines), or null. */
  public CocoEvalResult result(IouType type) {
    return results.get(type);
  }

  /** The detections added so far, as single-kind results of the type (for writing a results file). */
  public List<CocoDetection> view(IouType type) {
    List<CocoDetection> out = new ArrayList<>(detections.size());
    for (int i = 0; i < detections.size(); i++) {
      CocoDetection d = detections.get(i);
      switch (type) {
        case BBOX -> out.add(CocoDetection.box(d.imageId(), d.categoryId(), d.score(), d.bbox()));
        case SEGM -> {
          if (!(d.segmentation() instanceof Segmentation.Mask m)) {
            throw new IllegalArgumentException("detections[" + i + "] (image " + d.imageId()
                + ") has no RLE mask, needed for segm evaluation");
          }
          out.add(CocoDetection.mask(d.imageId(), d.categoryId(), d.score(), m.rle()));
        }
        case KEYPOINTS -> {
          if (d.keypoints() == null) {
            throw new IllegalArgumentException("detections[" + i + "] (image " + d.imageId()
                + ") has no keypoints, needed for keypoint evaluation");
          }
          out.add(CocoDetection.keypoints(d.imageId(), d.categoryId(), d.score(), d.keypoints()));
        }
        default -> throw new IllegalStateException(type.toString());
      }
    }
    return out;
  }

  @Override
  public void reset() {
    detections.clear();
    results.clear();
  }
}
