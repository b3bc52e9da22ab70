package dev.rethink.runtime.data.transform;

import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.runtime.data.detection.Instance;
import dev.rethink.runtime.data.image.Resample;
import dev.rethink.runtime.data.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The detection transforms of a {@link DetectionInput}, following Detectron2's {@code ResizeShortestEdge}
 * ("range" sampling) and {@code RandomFlip}: resize so the shorter side is S (capped so the longer side stays
 * within {@code maxSize}), mirror at random, normalize; boxes, box masks and keypoints follow the image.
 */
public final class DetectionTransform {
  /** Boxes thinner than this after transforming are dropped (Detectron2 {@code filter_empty_instances}). */
  public static final double MIN_BOX_SIDE = 1e-5;

  private final DetectionInput input;
  private final PixelNormalization normalization;

  public DetectionTransform(DetectionInput input, PixelNormalization normalization) {
    this.input = input;
    this.normalization = normalization;
  }

  public DetectionTransform(DetectionInput input) {
    this(input, PixelNormalization.IMAGENET);
  }

  public DetectionInput input() {
    return input;
  }

  /**
   * Detectron2's {@code ResizeShortestEdge.get_output_shape}: the shorter side to {@code shortSide}, then both
   * scaled down if the longer exceeds {@code maxSize}, each rounded half up. Returns {width, height}.
   */
  public static int[] resizedSize(int width, int height, int shortSide, int maxSize) {
    double scale = (double) shortSide / Math.min(width, height);
    double newH;
    double newW;
    if (height < width) {
      newH = shortSide;
      newW = scale * width;
    } else {
      newH = scale * height;
      newW = shortSide;
    }
    if (Math.max(newH, newW) > maxSize) {
      double s = maxSize / Math.max(newH, newW);
      newH *= s;
      newW *= s;
    }
    return new int[] {(int) (newW + 0.5), (int) (newH + 0.5)};
  }

  /** The transformed ground truth of one image, in the resized image's coordinates. */
  public record Targets(float[] boxes, int[] classes, float[] masks, float[] keypoints, int count) {}

  /** One transformed image: normalized pixels ({@code height × width × 3}) and its targets. */
  public record Prepared(float[] pixels, int width, int height, float scale, boolean flipped, Targets targets) {}

  /** Supplies an instance's box mask ({@code maskSize²} values over its original box), or null for none. */
  public interface BoxMaskSource {
    float[] boxMask(Instance instance);
  }

  /**
   * Transforms an image and its non-crowd instances.
   *
   * @param random draws S (training) and the flip; {@code null} for evaluation (test size, no flip)
   * @param instances instances in original coordinates (crowd ones are left out here)
   * @param maxInstances at most this many are kept, the largest boxes first when there are more
   * @param maskSize side of the box masks, 0 for none
   * @param masks the box masks of the instances (used when {@code maskSize > 0})
   * @param flipIndex keypoint flip map, or null
   */
  public Prepared apply(RgbImage image, List<Instance> instances, SplittableRandom random, int maxInstances,
      int maskSize, BoxMaskSource masks, int[] flipIndex) {
    boolean train = random != null;
    int shortSide = train ? input.minShortSide() + random.nextInt(input.maxShortSide() - input.minShortSide() + 1)
        : input.testShortSide();
    boolean flip = train && input.horizontalFlip() && random.nextDouble() < 0.5;
    int[] size = resizedSize(image.width(), image.height(), shortSide, input.maxSize());
    int w = size[0];
    int h = size[1];
    float[] pixels = Resample.resize(image, 0, 0, image.width(), image.height(), w, h, flip);
    normalization.apply(pixels, 0, pixels.length);
    double sx = (double) w / image.width();
    double sy = (double) h / image.height();
    Targets targets = targets(instances, w, h, sx, sy, flip, maxInstances, maskSize, masks, flipIndex);
    return new Prepared(pixels, w, h, (float) Math.sqrt(sx * sy), flip, targets);
  }

  /** Boxes, classes, box masks and keypoints resized by ({@code sx}, {@code sy}) and mirrored in a {@code w}-wide image. */
  public static Targets targets(List<Instance> instances, int w, int h, double sx, double sy, boolean flip,
      int maxInstances, int maskSize, BoxMaskSource masks, int[] flipIndex) {
    List<Instance> kept = new ArrayList<>();
    List<double[]> boxes = new ArrayList<>();
    for (Instance in : instances) {
      if (in.crowd()) {
        continue;
      }
      double x0 = in.box()[0] * sx;
      double x1 = in.box()[2] * sx;
      if (flip) {
        double t = w - x1;
        x1 = w - x0;
        x0 = t;
      }
      double[] b = {clamp(x0, w), clamp(in.box()[1] * sy, h), clamp(x1, w), clamp(in.box()[3] * sy, h)};
      if (b[2] - b[0] > MIN_BOX_SIDE && b[3] - b[1] > MIN_BOX_SIDE) {
        kept.add(in);
        boxes.add(b);
      }
    }
    if (kept.size() > maxInstances) {
      Integer[] order = new Integer[kept.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      List<double[]> all = boxes;
      Arrays.sort(order, (a, b) -> Double.compare(area(all.get(b)), area(all.get(a))));
      List<Instance> k2 = new ArrayList<>();
      List<double[]> b2 = new ArrayList<>();
      for (int i = 0; i < maxInstances; i++) {
        k2.add(kept.get(order[i]));
        b2.add(boxes.get(order[i]));
      }
      kept = k2;
      boxes = b2;
    }
    int n = kept.size();
    int numKeypoints = flipIndex == null ? 0 : flipIndex.length;
    float[] outBoxes = new float[n * 4];
    int[] classes = new int[n];
    float[] outMasks = new float[n * maskSize * maskSize];
    float[] outKeypoints = new float[n * numKeypoints * 3];
    for (int i = 0; i < n; i++) {
      Instance in = kept.get(i);
      double[] b = boxes.get(i);
      for (int c = 0; c < 4; c++) {
        outBoxes[i * 4 + c] = (float) b[c];
      }
      classes[i] = in.label();
      if (maskSize > 0) {
        float[] m = masks.boxMask(in);
        if (m != null) {
          int base = i * maskSize * maskSize;
          for (int y = 0; y < maskSize; y++) {
            for (int x = 0; x < maskSize; x++) {
              outMasks[base + y * maskSize + x] = m[y * maskSize + (flip ? maskSize - 1 - x : x)];
            }
          }
        }
      }
      if (numKeypoints > 0 && in.keypoints() != null) {
        float[] kp = in.keypoints();
        for (int k = 0; k < numKeypoints; k++) {
          int to = flip ? flipIndex[k] : k;
          float v = kp[k * 3 + 2];
          int o = (i * numKeypoints + to) * 3;
          if (v > 0) {
            double x = kp[k * 3] * sx;
            outKeypoints[o] = (float) (flip ? w - x : x);
            outKeypoints[o + 1] = (float) (kp[k * 3 + 1] * sy);
            outKeypoints[o + 2] = v;
          }
        }
      }
    }
    return new Targets(outBoxes, classes, outMasks, outKeypoints, n);
  }

  private static double clamp(double v, double max) {
    return Math.max(0, Math.min(max, v));
  }

  private static double area(double[] b) {
    return (b[2] - b[0]) * (b[3] - b[1]);
  }
}
