package dev.rethink.runtime.eval;

import dev.rethink.runtime.task.DetectionFeeds;
import dev.rethink.runtime.task.Feeds;
import dev.rethink.dsl.SpecException;
import dev.rethink.dsl.eval.Accuracy;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.eval.MetricSpec;
import dev.rethink.dsl.eval.VocMap;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.graph.study.OutputKey;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.detection.ImageRecord;
import dev.rethink.runtime.data.detection.Instance;
import dev.rethink.runtime.eval.coco.CocoDetection;
import dev.rethink.runtime.eval.coco.CocoEvaluator;
import dev.rethink.runtime.eval.coco.CocoGroundTruth;
import dev.rethink.runtime.eval.coco.CocoJson;
import dev.rethink.runtime.eval.coco.Segmentation;
import dev.rethink.runtime.eval.voc.VocBox;
import dev.rethink.runtime.eval.voc.VocDetection;
import dev.rethink.runtime.eval.voc.VocEvaluator;
import dev.rethink.runtime.eval.voc.VocObject;
import dev.rethink.runtime.inference.DetectionPostprocessor;
import dev.rethink.runtime.inference.DetectorOutputs;
import dev.rethink.runtime.inference.ImageDetection;
import dev.rethink.runtime.report.VariantLabels;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * COCO AP ({@link CocoAp}: {@link CocoEvaluator}) and PASCAL VOC mAP ({@link VocMap}: {@link VocEvaluator}) of a
 * detector's inference tower, on detections mapped back to the original images by
 * {@link DetectionPostprocessor}.
 */
final class ApDetectionEvaluator implements DetectionEvaluator {
  /** Images per inference run: Detectron2 evaluates one image per GPU, 8 per iteration on the paper's 8 GPUs. */
  static final int IMAGES_PER_BATCH = 8;

  @Inject
  ApDetectionEvaluator() {}

  @Override
  public Map<String, Double> evaluate(Session session, VariantGraph graph, DetectionData data,
      CocoGroundTruth groundTruth, EvalSpec eval, Function<IouType, Path> resultsFiles) {
    List<ImageDetection> detections = infer(session, graph, data);
    List<CocoDetection> coco = detections.stream().map(d -> d.toCoco(data.categoryIds())).toList();
    writeResults(coco, graph, resultsFiles);
    Map<String, Double> out = new LinkedHashMap<>();
    for (MetricSpec metric : eval.metrics()) {
      out.putAll(metric.accept(new MetricSpec.Visitor<Map<String, Double>>() {
        @Override
        public Map<String, Double> accuracy(Accuracy spec) {
          throw new SpecException("eval.metrics", spec + " is a classification metric; a detector is evaluated"
              + " with CocoAp or VocMap (hint: EvalSpec.atEnd(CocoAp.boxAndMask()))");
        }

        @Override
        public Map<String, Double> cocoAp(CocoAp spec) {
          if (groundTruth == null) {
            throw new IllegalArgumentException("CocoAp needs the evaluation split's COCO ground truth");
          }
          CocoEvaluator evaluator = new CocoEvaluator(groundTruth, spec.iouTypes());
          evaluator.add(coco);
          return evaluator.summarize();
        }

        @Override
        public Map<String, Double> vocMap(VocMap spec) {
          return voc(data, detections, spec);
        }
      }));
    }
    return out;
  }

  /**
   * Every evaluation image's detections, in the original image's coordinates.
   *
   * @throws IllegalStateException if the graph is not a detector's
   */
  static List<ImageDetection> infer(Session session, VariantGraph graph, DetectionData data) {
    RcnnSpec spec = graph.variant().model().detector().orElseThrow(() -> new IllegalStateException(
        graph.variant().name() + ": not a detector (" + VariantLabels.model(graph.variant().model()) + ")"));
    DetectionPostprocessor post = new DetectionPostprocessor(spec.inference().maskThreshold());
    Map<Long, ImageRecord> records = new HashMap<>();
    data.evalSet().images().forEach(r -> records.put(r.id(), r));
    List<OutputKey> keys = new ArrayList<>(graph.evalOutputs().keySet());
    List<ImageDetection> out = new ArrayList<>();
    try (BatchStream<DetectionBatch> batches = data.eval(IMAGES_PER_BATCH)) {
      DetectionBatch b;
      while ((b = batches.next()) != null) {
        DetectorOutputs outputs;
        try (Feeds feeds = DetectionFeeds.of(graph.evalInputs().keySet(), b, graph.variant().name())) {
          Session.Runner runner = feeds.feed(session.runner(), graph.evalInputs());
          keys.forEach(k -> runner.fetch(graph.evalOutputs().get(k)));
          try (Result r = runner.run()) {
            outputs = outputs(r, keys, b.size());
          }
        }
        for (int i = 0; i < b.size(); i++) {
          ImageRecord rec = records.get(b.imageIds()[i]);
          out.addAll(post.image(outputs, i, rec.id(), b.imageHeights()[i], b.imageWidths()[i], rec.height(),
              rec.width()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating", e);
    }
    return out;
  }

  private static DetectorOutputs outputs(Result r, List<OutputKey> keys, int images) {
    Map<OutputKey, Integer> at = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      at.put(keys.get(i), i);
    }
    TFloat32 boxes = (TFloat32) r.get(at.get(OutputKey.BOXES));
    int slots = (int) boxes.shape().get(1);
    int maskSize = 0;
    float[] masks = new float[0];
    if (at.containsKey(OutputKey.MASKS)) {
      TFloat32 m = (TFloat32) r.get(at.get(OutputKey.MASKS));
      maskSize = (int) m.shape().get(3);
      masks = floats(m);
    }
    int numKeypoints = 0;
    float[] keypoints = new float[0];
    if (at.containsKey(OutputKey.KEYPOINTS)) {
      TFloat32 k = (TFloat32) r.get(at.get(OutputKey.KEYPOINTS));
      numKeypoints = (int) k.shape().get(2);
      keypoints = floats(k);
    }
    return new DetectorOutputs(images, slots, floats(boxes), floats((TFloat32) r.get(at.get(OutputKey.SCORES))),
        ints((TInt32) r.get(at.get(OutputKey.CLASSES))), ints((TInt32) r.get(at.get(OutputKey.DETECTION_COUNTS))),
        maskSize, masks, numKeypoints, keypoints);
  }

  private static float[] floats(TFloat32 t) {
    float[] values = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  private static int[] ints(TInt32 t) {
    int[] values = new int[(int) t.size()];
    t.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  /** One COCO results file per kind of result the detector gives: boxes always, masks, keypoints. */
  private static void writeResults(List<CocoDetection> detections, VariantGraph graph,
      Function<IouType, Path> files) {
    List<IouType> types = new ArrayList<>(List.of(IouType.BBOX));
    if (graph.evalOutputs().containsKey(OutputKey.MASKS)) {
      types.add(IouType.SEGM);
    }
    if (graph.evalOutputs().containsKey(OutputKey.KEYPOINTS)) {
      types.add(IouType.KEYPOINTS);
    }
    for (IouType type : types) {
      Path file = files.apply(type);
      List<CocoDetection> view = detections.stream().map(d -> switch (type) {
        case BBOX -> CocoDetection.box(d.imageId(), d.categoryId(), d.score(), d.bbox());
        case SEGM -> CocoDetection.mask(d.imageId(), d.categoryId(), d.score(),
            ((Segmentation.Mask) d.segmentation()).rle());
        case KEYPOINTS -> CocoDetection.keypoints(d.imageId(), d.categoryId(), d.score(), d.keypoints());
      }).toList();
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
          CocoJson.writeResults(out, view, type);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
  }

  /**
   * VOC mAP: boxes in the devkit's inclusive pixel convention, the inverse of how Detectron2 loads VOC boxes
   * ({@code xmin, ymin} + 1), for detections as Detectron2's {@code PascalVOCDetectionEvaluator} writes them.
   */
  static Map<String, Double> voc(DetectionData data, List<ImageDetection> detections, VocMap spec) {
    List<String> names = new ArrayList<>();
    Map<Long, String> nameById = new HashMap<>();
    List<VocObject> objects = new ArrayList<>();
    for (ImageRecord im : data.evalSet().images()) {
      names.add(im.name());
      nameById.put(im.id(), im.name());
      for (Instance in : im.instances()) {
        double[] b = in.box();
        objects.add(new VocObject(im.name(), in.label(), new VocBox(b[0] + 1, b[1] + 1, b[2], b[3]),
            in.difficult()));
      }
    }
    VocEvaluator evaluator = new VocEvaluator(data.classNames(), names, objects, spec.metric());
    evaluator.add(detections.stream().map(d -> new VocDetection(nameById.get(d.imageId()), d.classIndex(),
        d.score(), new VocBox(d.x0() + 1, d.y0() + 1, d.x1(), d.y1()))).toList());
    return evaluator.summarize();
  }
}
