package dev.rethink.runtime.data.transform;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.runtime.data.image.Resample;
import dev.rethink.runtime.data.image.RgbImage;
import java.util.SplittableRandom;

/**
 * The classification transforms of a {@link ClassificationInput}, following torchvision's ImageNet reference
 * recipe: training uses {@code RandomResizedCrop(size)} (or a plain resize to {@code size × size}) and
 * {@code RandomHorizontalFlip()}; evaluation uses {@code Resize(size / 0.875)} then {@code CenterCrop(size)} (or the
 * plain resize); both end with {@link PixelNormalization#IMAGENET}.
 */
public final class ClassificationTransform {

  /** {@code RandomResizedCrop}'s default area range, as a fraction of the image (torchvision). */
  public static final double MIN_CROP_AREA = 0.08;

  /** {@code RandomResizedCrop}'s default aspect-ratio range is [3/4, 4/3] (torchvision). */
  public static final double MAX_CROP_RATIO = 4.0 / 3.0;

  /** Attempts at drawing a crop that fits before falling back to a centre crop (torchvision). */
  public static final int CROP_ATTEMPTS = 10;

  /** Evaluation resizes the shorter side to {@code size / 0.875} (224 → 256) before the centre crop. */
  public static final double EVAL_CROP_FRACTION = 0.875;

  private final ClassificationInput input;
  private final PixelNormalization normalization;

  public ClassificationTransform(ClassificationInput input, PixelNormalization normalization) {
    this.input = input;
    this.normalization = normalization;
  }

  public ClassificationTransform(ClassificationInput input) {
    this(input, PixelNormalization.IMAGENET);
  }

  /** Output side. */
  public int size() {
    return input.size();
  }

  /** Floats written per image. */
  public int floatsPerImage() {
    return input.size() * input.size() * 3;
  }

  /** A training view of {@code image}, its random choices drawn from {@code random}, written at {@code out[offset]}. */
  public void train(RgbImage image, SplittableRandom random, float[] out, int offset) {
    int[] box = input.randomResizedCrop() ? randomResizedCrop(image.width(), image.height(), random)
        : new int[] {0, 0, image.width(), image.height()};
    // The flip is drawn after the crop, as in torchvision's Compose([RandomResizedCrop, RandomHorizontalFlip]).
    boolean flip = input.horizontalFlip() && random.nextDouble() < 0.5;
    write(Resample.resize(image, box[0], box[1], box[2], box[3], size(), size(), flip), out, offset);
  }

  /** The evaluation view of {@code image}, written at {@code out[offset]}. */
  public void eval(RgbImage image, float[] out, int offset) {
    if (!input.randomResizedCrop()) {
      write(Resample.resize(image, size(), size()), out, offset);
      return;
    }
    int[] resized = shorterSideTo(image.width(), image.height(), (int) (size() / EVAL_CROP_FRACTION));
    float[] full = Resample.resize(image, resized[0], resized[1]);
    // torchvision's CenterCrop: int(round((h - size) / 2.0)), Python rounding half to even.
    int left = (int) Math.rint((resized[0] - size()) / 2.0);
    int top = (int) Math.rint((resized[1] - size()) / 2.0);
    float[] crop = new float[floatsPerImage()];
    for (int y = 0; y < size(); y++) {
      System.arraycopy(full, ((top + y) * resized[0] + left) * 3, crop, y * size() * 3, size() * 3);
    }
    write(crop, out, offset);
  }

  private void write(float[] pixels, float[] out, int offset) {
    System.arraycopy(pixels, 0, out, offset, pixels.length);
    normalization.apply(out, offset, pixels.length);
  }

  /**
   * torchvision's {@code RandomResizedCrop.get_params}: an area fraction from [0.08, 1] and a log-uniform aspect
   * ratio from [3/4, 4/3], ten attempts, else a centre crop with the ratio clamped. Returns {x, y, w, h}.
   */
  public static int[] randomResizedCrop(int width, int height, SplittableRandom random) {
    double area = (double) width * height;
    double logLo = Math.log(1 / MAX_CROP_RATIO);
    double logHi = Math.log(MAX_CROP_RATIO);
    for (int attempt = 0; attempt < CROP_ATTEMPTS; attempt++) {
      double target = area * (MIN_CROP_AREA + (1 - MIN_CROP_AREA) * random.nextDouble());
      double ratio = Math.exp(logLo + (logHi - logLo) * random.nextDouble());
      int w = (int) Math.round(Math.sqrt(target * ratio));
      int h = (int) Math.round(Math.sqrt(target / ratio));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        int y = random.nextInt(height - h + 1);
        int x = random.nextInt(width - w + 1);
        return new int[] {x, y, w, h};
      }
    }
    double inRatio = (double) width / height;
    int w;
    int h;
    if (inRatio < 1 / MAX_CROP_RATIO) {
      w = width;
      h = (int) Math.round(w * MAX_CROP_RATIO);
    } else if (inRatio > MAX_CROP_RATIO) {
      h = height;
      w = (int) Math.round(h * MAX_CROP_RATIO);
    } else {
      w = width;
      h = height;
    }
    h = Math.min(h, height);
    w = Math.min(w, width);
    return new int[] {(width - w) / 2, (height - h) / 2, w, h};
  }

  /** torchvision's {@code Resize(int)}: the shorter side to {@code side}, the longer scaled and truncated. */
  public static int[] shorterSideTo(int width, int height, int side) {
    if (width <= height) {
      return new int[] {side, Math.max(1, (int) ((long) side * height / width))};
    }
    return new int[] {Math.max(1, (int) ((long) side * width / height)), side};
  }
}
