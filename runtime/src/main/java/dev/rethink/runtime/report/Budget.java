package dev.rethink.runtime.report;

/**
 * What a training has seen, the paper's Figure 2 budget: images, labelled instances and pixels fed to the
 * network (ImageNet pre-training ≈ 128M images at 224²; COCO 2x fine-tuning 2.88M images at ~800×1333).
 *
 * @param images training images fed (iterations × images per batch)
 * @param instances labelled instances in them: one per image for classification (ImageNet labels one object per
 *     image), the non-crowd ground-truth instances for detection
 * @param pixels input pixels fed, height × width of each image as resized (padding excluded)
 */
public record Budget(long images, long instances, long pixels) {
  /** Nothing seen yet. */
  public static final Budget ZERO = new Budget(0, 0, 0);

  public Budget {
    if (images < 0 || instances < 0 || pixels < 0) {
      throw new IllegalArgumentException("budget counts must be >= 0, got " + images + " images, " + instances
          + " instances, " + pixels + " pixels");
    }
  }

  /** A classification batch: one instance per image, {@code height × width} pixels each. */
  public static Budget classificationBatch(int images, int height, int width) {
    return new Budget(images, images, (long) images * height * width);
  }

  /** The sum of two budgets (e.g. a fine-tuning stage plus the pre-training it starts from). */
  public Budget plus(Budget other) {
    return new Budget(Math.addExact(images, other.images), Math.addExact(instances, other.instances),
        Math.addExact(pixels, other.pixels));
  }
}
