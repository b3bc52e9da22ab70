package dev.rethink.runtime.bench;

import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.eval.coco.Box;
import dev.rethink.runtime.eval.coco.CocoAnnotation;
import dev.rethink.runtime.eval.coco.CocoCategory;
import dev.rethink.runtime.eval.coco.CocoDetection;
import dev.rethink.runtime.eval.coco.CocoEval;
import dev.rethink.runtime.eval.coco.CocoEvalResult;
import dev.rethink.runtime.eval.coco.CocoGroundTruth;
import dev.rethink.runtime.eval.coco.CocoImage;
import dev.rethink.runtime.eval.coco.CocoJson;
import dev.rethink.runtime.eval.coco.CocoParams;
import dev.rethink.runtime.eval.coco.Segmentation;
import dev.rethink.runtime.mask.Polygons;
import dev.rethink.runtime.mask.Rle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Times COCO evaluation on a generated val2017-sized case: 5,000 images of 640×480, 80 categories, about 7 objects
 * per image (polygon masks, 3% crowds, sizes spread over small / medium / large), 100 detections per image (noisy
 * copies of the objects plus random ones), as box and as mask results. Prints the time of {@link CocoEval#run} on
 * all processors and on 1 thread — the first run (a cold JVM, as {@code rethink eval}) and the best of several
 * (steady state, as periodic evaluation in a training process) — and of reading the results file; this is a
 * benchmark, not a test.
 *
 * <p>Usage: {@code EvalBenchmark [images] [detectionsPerImage] [seed]} (defaults 5000 100 1).
 */
public final class EvalBenchmark {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;
  private static final int CATEGORIES = 80;
  /** Runs per setting: the JIT needs a few to settle; the best is the steady-state figure. */
  private static final int REPEATS = 6;

  private EvalBenchmark() {}

  public static void main(String[] args) throws IOException {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int perImage = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    int cores = Runtime.getRuntime().availableProcessors();

    System.out.printf(Locale.ROOT, "%d processors, system load average %.1f, max heap %d MB%n", cores,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().maxMemory() >> 20);
    long t0 = System.nanoTime();
    Case c = generate(images, perImage, seed);
    System.out.printf(Locale.ROOT, "generated %d images, %d objects, %d detections per type in %.1f s (seed %d)%n",
        images, c.gt.annotations().size(), c.boxes.size(), seconds(t0), seed);

    for (IouType type : List.of(IouType.BBOX, IouType.SEGM)) {
      List<CocoDetection> dets = type == IouType.BBOX ? c.boxes : c.masks;
      CocoEvalResult last = null;
      for (int threads : cores > 1 ? new int[] {cores, 1} : new int[] {1}) {
        double first = 0;
        double firstCpu = 0;
        double best = Double.MAX_VALUE;
        double bestCpu = 0;
        for (int r = 0; r < REPEATS; r++) {
          long t = System.nanoTime();
          long cpu = processCpuNanos();
          last = new CocoEval(c.gt, CocoParams.of(type), threads).run(dets);
          double s = seconds(t);
          double sCpu = (processCpuNanos() - cpu) / 1e9;
          if (r == 0) {
            first = s;
            firstCpu = sCpu;
          }
          if (s < best) {
            best = s;
            bestCpu = sCpu;
          }
        }
        System.out.printf(Locale.ROOT, "%-4s evaluate+accumulate+summarize, %d thread(s): first run %.2f s "
            + "(process CPU %.2f s), best of %d %.2f s (process CPU %.2f s)%n", type.cocoName(), threads, first,
            firstCpu, REPEATS, best, bestCpu);
      }
      System.out.printf(Locale.ROOT, "%-4s AP = %.4f  AP50 = %.4f  AR100 = %.4f%n", type.cocoName(),
          last.stats()[0], last.stats()[1], last.stats()[8]);
      Path file = Files.createTempFile("rethink-bench-" + type.cocoName(), ".json");
      try {
        CocoJson.writeResults(file, dets, type);
        long t = System.nanoTime();
        long cpu = processCpuNanos();
        List<CocoDetection> read = CocoJson.readResults(file, c.gt);
        System.out.printf(Locale.ROOT, "%-4s reading the results file (%.0f MB, %d entries): %.2f s (process CPU "
            + "%.2f s)%n", type.cocoName(), Files.size(file) / 1e6, read.size(), seconds(t),
            (processCpuNanos() - cpu) / 1e9);
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  /** CPU time of the whole process (all threads, GC and JIT included); robust to other load on the machine. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private record Case(CocoGroundTruth gt, List<CocoDetection> boxes, List<CocoDetection> masks) {}

  private record Generated(List<CocoAnnotation> anns, List<CocoDetection> boxes, List<CocoDetection> masks) {}

  private static Case generate(int images, int perImage, long seed) {
    List<Generated> parts = IntStream.range(0, images).parallel()
        .mapToObj(i -> generateImage(i + 1, perImage, new SplittableRandom(seed * 1_000_003L + i)))
        .toList();
    List<CocoImage> imgs = new ArrayList<>();
    List<CocoAnnotation> anns = new ArrayList<>();
    List<CocoDetection> boxes = new ArrayList<>();
    List<CocoDetection> masks = new ArrayList<>();
    long id = 1;
    for (int i = 0; i < images; i++) {
      imgs.add(new CocoImage(i + 1, WIDTH, HEIGHT));
      for (CocoAnnotation a : parts.get(i).anns) {
        anns.add(new CocoAnnotation(id++, a.imageId(), a.categoryId(), a.bbox(), a.area(), a.crowd(),
            a.segmentation(), null, 0));
      }
      boxes.addAll(parts.get(i).boxes);
      masks.addAll(parts.get(i).masks);
    }
    List<CocoCategory> cats = new ArrayList<>();
    for (int k = 1; k <= CATEGORIES; k++) {
      cats.add(new CocoCategory(k, "category" + k));
    }
    return new Case(new CocoGroundTruth(imgs, cats, anns), boxes, masks);
  }

  private static Generated generateImage(long imageId, int perImage, SplittableRandom random) {
    List<CocoAnnotation> anns = new ArrayList<>();
    List<CocoDetection> boxes = new ArrayList<>();
    List<CocoDetection> masks = new ArrayList<>();
    int objects = random.nextInt(15);
    List<double[]> objectPolygons = new ArrayList<>();
    List<Integer> objectCategories = new ArrayList<>();
    for (int o = 0; o < objects; o++) {
      double[] poly = polygon(random, sizeOf(random));
      int category = 1 + random.nextInt(CATEGORIES);
      Rle mask = Polygons.rasterize(poly, HEIGHT, WIDTH);
      if (mask.area() == 0) {
        continue;
      }
      boolean crowd = random.nextInt(100) < 3;
      Segmentation segmentation = crowd ? new Segmentation.Mask(mask)
          : new Segmentation.PolygonParts(List.of(poly));
      anns.add(new CocoAnnotation(0, imageId, category, Box.of(mask.toBbox()), mask.area(), crowd, segmentation,
          null, 0));
      objectPolygons.add(poly);
      objectCategories.add(category);
    }
    for (int d = 0; d < perImage; d++) {
      double[] poly;
      int category;
      if (!objectPolygons.isEmpty() && random.nextInt(3) > 0) {
        int o = random.nextInt(objectPolygons.size());
        poly = jitter(objectPolygons.get(o), random);
        category = random.nextInt(10) == 0 ? 1 + random.nextInt(CATEGORIES) : objectCategories.get(o);
      } else {
        poly = polygon(random, sizeOf(random));
        category = 1 + random.nextInt(CATEGORIES);
      }
      // Scores rounded to 3 decimals, as results files often are: ties happen.
      double score = Math.round(random.nextDouble() * 1000) / 1000.0;
      Rle mask = Polygons.rasterize(poly, HEIGHT, WIDTH);
      boxes.add(CocoDetection.box(imageId, category, score, extent(poly)));
      masks.add(CocoDetection.mask(imageId, category, score, mask));
    }
    return new Generated(anns, boxes, masks);
  }

  /** Object size in pixels, log-uniform in [8, 400]: a mix of small, medium and large areas. */
  private static double sizeOf(SplittableRandom random) {
    return 8 * Math.exp(random.nextDouble() * Math.log(50));
  }

  /** A star-shaped polygon of 8-16 vertices around a random centre. */
  private static double[] polygon(SplittableRandom random, double size) {
    double cx = random.nextDouble() * WIDTH;
    double cy = random.nextDouble() * HEIGHT;
    double aspect = 0.5 + random.nextDouble();
    int n = 8 + random.nextInt(9);
    double[] xy = new double[2 * n];
    for (int k = 0; k < n; k++) {
      double angle = 2 * Math.PI * k / n;
      double r = size / 2 * (0.7 + 0.3 * random.nextDouble());
      xy[2 * k] = cx + r * Math.cos(angle) * aspect;
      xy[2 * k + 1] = cy + r * Math.sin(angle) / aspect;
    }
    return xy;
  }

  /** A detection of an object: shifted and scaled by up to ~15 % of its size. */
  private static double[] jitter(double[] poly, SplittableRandom random) {
    Box b = extent(poly);
    double dx = (random.nextDouble() - 0.5) * 0.3 * b.width();
    double dy = (random.nextDouble() - 0.5) * 0.3 * b.height();
    double s = 0.85 + 0.3 * random.nextDouble();
    double cx = b.x() + b.width() / 2;
    double cy = b.y() + b.height() / 2;
    double[] out = new double[poly.length];
    for (int k = 0; k < poly.length; k += 2) {
      out[k] = cx + (poly[k] - cx) * s + dx;
      out[k + 1] = cy + (poly[k + 1] - cy) * s + dy;
    }
    return out;
  }

  private static Box extent(double[] poly) {
    double x0 = Double.MAX_VALUE;
    double y0 = Double.MAX_VALUE;
    double x1 = -Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    for (int k = 0; k < poly.length; k += 2) {
      x0 = Math.min(x0, poly[k]);
      x1 = Math.max(x1, poly[k]);
      y0 = Math.min(y0, poly[k + 1]);
      y1 = Math.max(y1, poly[k + 1]);
    }
    return new Box(x0, y0, x1 - x0, y1 - y0);
  }
}
