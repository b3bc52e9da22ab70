package dev.rethink.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.dsl.eval.VocMap;
import dev.rethink.dsl.eval.VocMetric;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.coco.SubsetIdentity;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.ImageRecord;
import dev.rethink.runtime.data.detection.KeypointSchema;
import dev.rethink.runtime.data.image.ImageFiles;
import dev.rethink.runtime.data.voc.VocImageSets;
import dev.rethink.runtime.inference.ImageDetection;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VOC mAP of a detector's detections, from annotations on disk read by the VOC reader to the evaluator: the box
 * conventions (the reader's {@code xmin - 1}, the detections' continuous boxes, the devkit's inclusive pixels),
 * class indices and difficult flags, against AP worked out by hand with the reference {@code voc_eval.py} rules.
 */
class ApDetectionEvaluatorVocTest {
  @TempDir
  Path devkit;

  private static final List<String> CLASSES = List.of("cat", "dog");

  private void image(String id, int width, int height, String objects) throws Exception {
    Path year = devkit.resolve("VOC2012");
    Files.createDirectories(year.resolve("Annotations"));
    Files.createDirectories(year.resolve("JPEGImages"));
    ImageFiles.writeJpeg(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR), 0.9f,
        year.resolve("JPEGImages").resolve(id + ".jpg"));
    Files.writeString(year.resolve("Annotations").resolve(id + ".xml"), "<annotation><size><width>" + width
        + "</width><height>" + height + "</height><depth>3</depth></size>" + objects + "</annotation>");
  }

  private static String object(String name, int difficult, int xmin, int ymin, int xmax, int ymax) {
    return "<object><name>" + name + "</name><difficult>" + difficult + "</difficult><bndbox><xmin>" + xmin
        + "</xmin><ymin>" + ymin + "</ymin><xmax>" + xmax + "</xmax><ymax>" + ymax + "</ymax></bndbox></object>";
  }

  /*
   * Image a (20x10): a dog on pixels 1..20 x 1..10 (the whole image) and a difficult cat on 5..8 x 3..4.
   * Image b (20x20): a cat on pixels 2..11 x 2..11 (10x10 = 100 inclusive pixels).
   * Detections, in continuous coordinates as the post-processor gives them (pixel i covers [i-1, i]):
   *   dog .9 a [0, 0, 20, 10]   -> devkit [1, 1, 20, 10], the dog exactly: TP. dog AP = 1.
   *   cat .8 a [4, 2, 8, 4]     -> devkit [5, 3, 8, 4], the difficult cat: neither TP nor FP.
   *   cat .7 b [1, 1, 11, 6]    -> devkit [2, 2, 11, 6]: 10x5 = 50 inside the cat, IoU 50/100 = 0.5, not > 0.5: FP.
   *   cat .6 b [1, 1, 11, 6.2]  -> devkit [2, 2, 11, 6.2]: 10x5.2 = 52, IoU 0.52: TP. (Without the +1 on the
   *     detection's corner it would be [1, 1, 11, 6.2], 11x6.2 = 68.2, IoU 52/116.2 = 0.45: FP.)
   * cat: npos 1; ranked tp 0,0,1, fp 0,1,1 -> recall 0,0,1, precision 0,0,1/2; area AP = 1 x 1/2 = 0.5.
   * 11-point: precision at recall >= 0 ... 1 is 1/2 for every threshold: 0.5 too. mAP = (0.5 + 1) / 2 = 0.75.
   */
  @Test
  void vocMapOfDetectionsOnVocAnnotationsByHand() throws Exception {
    image("a", 20, 10, object("dog", 0, 1, 1, 20, 10) + object("cat", 1, 5, 3, 8, 4));
    image("b", 20, 20, object("cat", 0, 2, 2, 11, 11));
    Path main = Files.createDirectories(devkit.resolve("VOC2012/ImageSets/Main"));
    Files.writeString(main.resolve("val.txt"), "a\nb\n");
    DetectionSet eval = VocImageSets.read(devkit, List.of("VOC2012/val"), CLASSES);
    long a = id(eval, "VOC2012/a");
    long b = id(eval, "VOC2012/b");
    List<ImageDetection> detections = List.of(
        detection(a, 1, 0.9, 0, 0, 20, 10),
        detection(a, 0, 0.8, 4, 2, 8, 4),
        detection(b, 0, 0.7, 1, 1, 11, 6),
        detection(b, 0, 0.6, 1, 1, 11, 6.2));
    for (VocMetric metric : VocMetric.values()) {
      Map<String, Double> m = ApDetectionEvaluator.voc(new EvalOnly(eval), detections, new VocMap(metric));
      assertEquals(List.of("mAP", "AP/cat", "AP/dog"), List.copyOf(m.keySet()), metric.name());
      assertEquals(0.5, m.get("AP/cat"), 1e-12, metric.name());
      assertEquals(1.0, m.get("AP/dog"), 1e-12, metric.name());
      assertEquals(0.75, m.get("mAP"), 1e-12, metric.name());
    }
  }

  private static long id(DetectionSet set, String name) {
    return set.images().stream().filter(r -> r.name().equals(name)).mapToLong(ImageRecord::id).findFirst()
        .orElseThrow();
  }

  private static ImageDetection detection(long image, int classIndex, double score, double x0, double y0,
      double x1, double y1) {
    return new ImageDetection(image, classIndex, score, x0, y0, x1, y1, null, null);
  }

  /** The evaluation split of a VOC set, all an evaluator reads. */
  private record EvalOnly(DetectionSet evalSet) implements DetectionData {
    @Override
    public List<String> classNames() {
      return evalSet.classNames();
    }

    @Override
    public List<Long> categoryIds() {
      return evalSet.categoryIds();
    }

    @Override
    public Optional<KeypointSchema> keypoints() {
      return Optional.empty();
    }

    @Override
    public int trainSize() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int evalSize() {
      return evalSet.images().size();
    }

    @Override
    public int maxInstances() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Integer> skipped() {
      return Map.of();
    }

    @Override
    public Optional<SubsetIdentity> subset() {
      return Optional.empty();
    }

    @Override
    public BatchStream<DetectionBatch> train(long seed, int batchSize, long startBatch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public BatchStream<DetectionBatch> eval(int batchSize) {
      throw new UnsupportedOperationException();
    }
  }
}
