package dev.rethink.runtime.eval.coco;

import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.eval.NumpyMath;
import dev.rethink.runtime.mask.MaskIou;
import dev.rethink.runtime.mask.Polygons;
import dev.rethink.runtime.mask.Rle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * COCO detection evaluation with the exact semantics of pycocotools' {@code COCOeval} ({@code evaluate},
 * {@code accumulate}, {@code summarize}) for box, mask and keypoint results.
 *
 * <p>The rules, in the reference's terms:
 * <ul>
 *   <li>Images are all of the ground truth's (sorted by id), categories all of its categories; per image and
 *       category, detections are sorted by descending score with a stable sort (ties keep their input order) and
 *       only the first {@code maxDets[-1]} are kept.</li>
 *   <li>Ground truth marked {@code iscrowd} (for keypoints also {@code num_keypoints == 0}) is ignored, as is
 *       ground truth whose {@code area} falls outside the size range; ignored ground truth is matched last. A
 *       detection takes the unmatched (or crowd) ground truth of highest IoU at or above the threshold, preferring
 *       non-ignored ones; a detection matched to ignored ground truth is ignored, not a false positive. IoU against
 *       a crowd is intersection over the detection's area, and a crowd can absorb any number of detections.</li>
 *   <li>Unmatched detections whose area is outside the size range are ignored.</li>
 *   <li>Per category, size range and maxDets, detections of all images are merged in image order and stably
 *       sorted by descending score; precision {@code tp / (tp + fp + eps)} is made monotone from the right and
 *       read at the first detection whose recall reaches each of the 101 recall thresholds ({@code searchsorted},
 *       0 beyond the last). A category without (non-ignored) ground truth gets -1, which the means skip.</li>
 *   <li>A ground truth with id 0 can be matched but then counts as unmatched, because the reference stores matched
 *       ids with 0 meaning "none"; this quirk is kept so that results agree on such files.</li>
 * </ul>
 *
 * <p>Per image and category work runs on {@code threads} threads; each result goes to a fixed slot, so the numbers
 * do not depend on the thread count or scheduling.
 */
public final class CocoEval {
  /** The reference's {@code 1 - 1e-10} cap on the IoU a match must reach. */
  private static final double MAX_IOU_THRESHOLD = 1 - 1e-10;
  /** {@code np.spacing(1)}: keeps {@code tp / (tp + fp)} finite, and OKS finite for zero-area ground truth. */
  private static final double EPS = Math.ulp(1.0);

  private final CocoGroundTruth groundTruth;
  private final CocoParams params;
  private final int threads;

  /** An evaluator with COCOeval's default parameters for the type, using all available processors. */
  public CocoEval(CocoGroundTruth groundTruth, IouType iouType) {
    this(groundTruth, CocoParams.of(iouType), Runtime.getRuntime().availableProcessors());
  }

  public CocoEval(CocoGroundTruth groundTruth, CocoParams params, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.groundTruth = groundTruth;
    this.params = params;
    this.threads = threads;
  }

  /** Evaluates detections with COCOeval's defaults for the type: the usual entry point. */
  public static CocoEvalResult evaluate(CocoGroundTruth groundTruth, List<CocoDetection> detections,
      IouType iouType) {
    return new CocoEval(groundTruth, iouType).run(detections);
  }

  /**
   * Evaluates, accumulates and summarizes.
   *
   * @throws IllegalArgumentException naming the entry, for a detection of an unknown image or category, or one
   *     (or a ground-truth object) lacking what the IoU type needs
   */
  public CocoEvalResult run(List<CocoDetection> detections) {
    Index index = new Index(groundTruth, detections, params);
    CellEval[] cells = new CellEval[index.k * params.a() * index.i];
    parallel(index.k * index.i, c -> evaluateCell(index, detections, cells, c));
    int size = params.t() * params.r() * index.k * params.a() * params.m();
    double[] precision = new double[size];
    double[] recall = new double[params.t() * index.k * params.a() * params.m()];
    Arrays.fill(precision, -1);
    Arrays.fill(recall, -1);
    parallel(index.k, k -> accumulate(index.i, index.k, k, cells, precision, recall));
    return new CocoEvalResult(params, groundTruth.categories(), precision, recall);
  }

  private void parallel(int n, IntConsumer body) {
    if (threads == 1 || n < 2) {
      for (int j = 0; j < n; j++) {
        body.accept(j);
      }
      return;
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("COCO evaluation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** Ground truth and detections grouped by (category, image) cell, in the reference's orders. */
  private static final class Index {
    final int i;
    final int k;
    final long[] imageIds;
    final int[] gtStart;
    final int[] gtList;
    final int[] dtStart;
    final int[] dtList;
    final List<CocoAnnotation> annotations;

    Index(CocoGroundTruth gt, List<CocoDetection> detections, CocoParams params) {
      imageIds = gt.images().stream().mapToLong(CocoImage::id).sorted().toArray();
      Map<Long, Integer> imageIndex = new HashMap<>();
      for (int j = 0; j < imageIds.length; j++) {
        imageIndex.put(imageIds[j], j);
      }
      i = imageIds.length;
      k = gt.categories().size();
      annotations = gt.annotations();
      int[] gtCell = new int[annotations.size()];
      for (int j = 0; j < annotations.size(); j++) {
        CocoAnnotation a = annotations.get(j);
        gtCell[j] = gt.categoryIndex(a.categoryId()) * i + imageIndex.get(a.imageId());
        checkGroundTruth(a, j, params);
      }
      int[] dtCell = new int[detections.size()];
      for (int j = 0; j < detections.size(); j++) {
        CocoDetection d = detections.get(j);
        Integer image = imageIndex.get(d.imageId());
        if (image == null) {
          throw new IllegalArgumentException("detections[" + j + "]: image_id " + d.imageId()
              + " is not in the ground truth");
        }
        if (!gt.hasCategory(d.categoryId())) {
          throw new IllegalArgumentException("detections[" + j + "] (image_id " + d.imageId() + "): category_id "
              + d.categoryId() + " is not among the ground truth's categories " + gt.categoryIdList()
              + " (hint: results use the dataset's category ids, not contiguous indices)");
        }
        checkDetection(d, j, params);
        dtCell[j] = gt.categoryIndex(d.categoryId()) * i + image;
      }
      gtStart = new int[k * i + 1];
      gtList = group(gtCell, gtStart);
      dtStart = new int[k * i + 1];
      dtList = group(dtCell, dtStart);
    }

    /** Counting sort of entry indices by cell, keeping input order within a cell. */
    private static int[] group(int[] cellOf, int[] start) {
      for (int c : cellOf) {
        start[c + 1]++;
      }
      for (int c = 1; c < start.length; c++) {
        start[c] += start[c - 1];
      }
      int[] next = Arrays.copyOf(start, start.length - 1);
      int[] list = new int[cellOf.length];
      for (int j = 0; j < cellOf.length; j++) {
        list[next[cellOf[j]]++] = j;
      }
      return list;
    }

    private static void checkGroundTruth(CocoAnnotation a, int j, CocoParams params) {
      if (params.iouType() == IouType.SEGM && a.segmentation() == null) {
        throw new IllegalArgumentException("annotations[" + j + "] (id " + a.id()
            + "): no segmentation, needed for segm evaluation");
      }
      // Read but not refused (a box evaluation ignores it): segm evaluation needs it usable.
      if (params.iouType() == IouType.SEGM) {
        a.segmentation().defect().ifPresent(problem -> {
          throw new CocoFormatException(problem + " (segm evaluation needs every object's mask)");
        });
      }
      if (params.iouType() == IouType.KEYPOINTS
          && (a.keypoints() == null || a.keypoints().count() != params.keypointCount())) {
        throw new IllegalArgumentException("annotations[" + j + "] (id " + a.id() + "): keypoint evaluation needs "
            + params.keypointCount() + " keypoints, found "
            + (a.keypoints() == null ? "none" : a.keypoints().count()));
      }
    }

    private static void checkDetection(CocoDetection d, int j, CocoParams params) {
      if (params.iouType() == IouType.SEGM && d.segmentation() != null) {
        d.segmentation().defect().ifPresent(problem -> {
          throw new CocoFormatException(problem + " (segm evaluation needs every detection's mask)");
        });
      }
      if (params.iouType() == IouType.KEYPOINTS
          && (d.keypoints() == null || d.keypoints().count() != params.keypointCount())) {
        throw new IllegalArgumentException("detections[" + j + "] (image_id " + d.imageId()
            + "): keypoint evaluation needs " + params.keypointCount() + " keypoints, found "
            + (d.keypoints() == null ? "none" : d.keypoints().count()));
      }
    }
  }

  /** {@code evaluateImg} of one image and category for every area range (at {@code maxDets[-1]}). */
  private record CellEval(double[] scores, boolean[] matched, boolean[] ignored, int positives) {}

  private void evaluateCell(Index index, List<CocoDetection> detections, CellEval[] cells, int c) {
    int g0 = index.gtStart[c];
    int gCount = index.gtStart[c + 1] - g0;
    int d0 = index.dtStart[c];
    int dAll = index.dtStart[c + 1] - d0;
    if (gCount == 0 && dAll == 0) {
      return;
    }
    int k = c / index.i;
    int image = c % index.i;
    CocoAnnotation[] gts = new CocoAnnotation[gCount];
    for (int g = 0; g < gCount; g++) {
      gts[g] = index.annotations.get(index.gtList[g0 + g]);
    }
    double[] allScores = new double[dAll];
    for (int d = 0; d < dAll; d++) {
      allScores[d] = detections.get(index.dtList[d0 + d]).score();
    }
    int[] order = NumpyMath.argsortDescendingStable(allScores, dAll);
    int dCount = Math.min(dAll, params.maxDet(params.m() - 1));
    CocoDetection[] dts = new CocoDetection[dCount];
    double[] scores = new double[dCount];
    for (int d = 0; d < dCount; d++) {
      dts[d] = detections.get(index.dtList[d0 + order[d]]);
      scores[d] = dts[d].score();
    }
    double[][] ious = gCount == 0 || dCount == 0 ? null : ious(dts, gts, groundTruth.image(index.imageIds[image]));

    int t = params.t();
    boolean[] crowd = new boolean[gCount];
    for (int g = 0; g < gCount; g++) {
      crowd[g] = gts[g].crowd();
    }
    for (int a = 0; a < params.a(); a++) {
      double lo = params.areaMin(a);
      double hi = params.areaMax(a);
      // Ground truth ignored in this range, then the stable order "not ignored first".
      boolean[] ignoredGt = new boolean[gCount];
      int positives = 0;
      for (int g = 0; g < gCount; g++) {
        ignoredGt[g] = baseIgnore(gts[g]) || gts[g].area() < lo || gts[g].area() > hi;
        if (!ignoredGt[g]) {
          positives++;
        }
      }
      int[] gtOrder = new int[gCount];
      int p = 0;
      for (int g = 0; g < gCount; g++) {
        if (!ignoredGt[g]) {
          gtOrder[p++] = g;
        }
      }
      for (int g = 0; g < gCount; g++) {
        if (ignoredGt[g]) {
          gtOrder[p++] = g;
        }
      }
      boolean[] matched = new boolean[t * dCount];
      boolean[] ignored = new boolean[t * dCount];
      if (ious != null) {
        boolean[] gtTaken = new boolean[gCount];
        for (int ti = 0; ti < t; ti++) {
          Arrays.fill(gtTaken, false);
          for (int d = 0; d < dCount; d++) {
            double best = Math.min(params.iouThreshold(ti), MAX_IOU_THRESHOLD);
            int m = -1;
            for (int gi = 0; gi < gCount; gi++) {
              int g = gtOrder[gi];
              if (gtTaken[g] && !crowd[g]) {
                continue;
              }
              // Matched to a regular ground truth and reached the ignored ones: stop.
              if (m > -1 && !ignoredGt[m] && ignoredGt[g]) {
                break;
              }
              if (ious[d][g] < best) {
                continue;
              }
              best = ious[d][g];
              m = g;
            }
            if (m == -1) {
              continue;
            }
            ignored[ti * dCount + d] = ignoredGt[m];
            matched[ti * dCount + d] = gts[m].id() != 0;
            gtTaken[m] = true;
          }
        }
      }
      for (int d = 0; d < dCount; d++) {
        boolean outside = dts[d].area() < lo || dts[d].area() > hi;
        if (outside) {
          for (int ti = 0; ti < t; ti++) {
            if (!matched[ti * dCount + d]) {
              ignored[ti * dCount + d] = true;
            }
          }
        }
      }
      cells[(k * params.a() + a) * index.i + image] = new CellEval(scores, matched, ignored, positives);
    }
  }

  private boolean baseIgnore(CocoAnnotation gt) {
    return gt.crowd() || (params.iouType() == IouType.KEYPOINTS && gt.numKeypoints() == 0);
  }

  /** {@code computeIoU} / {@code computeOks}: {@code [detection][ground truth]}, ground truth in input order. */
  private double[][] ious(CocoDetection[] dts, CocoAnnotation[] gts, CocoImage image) {
    boolean[] crowd = new boolean[gts.length];
    for (int g = 0; g < gts.length; g++) {
      crowd[g] = gts[g].crowd();
    }
    switch (params.iouType()) {
      case BBOX: {
        List<double[]> d = new ArrayList<>(dts.length);
        for (CocoDetection dt : dts) {
          d.add(dt.bbox().toArray());
        }
        List<double[]> g = new ArrayList<>(gts.length);
        for (CocoAnnotation gt : gts) {
          g.add(gt.bbox().toArray());
        }
        return MaskIou.boxes(d, g, crowd);
      }
      case SEGM: {
        List<Rle> d = new ArrayList<>(dts.length);
        for (CocoDetection dt : dts) {
          d.add(dt.segmentation() == null
              ? Polygons.fromBox(dt.bbox().toArray(), image.height(), image.width())
              : detectionMask(dt, image));
        }
        List<Rle> g = new ArrayList<>(gts.length);
        for (CocoAnnotation gt : gts) {
          try {
            g.add(gt.segmentation().toRle(image.height(), image.width()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("annotation " + gt.id() + " (image " + image.id() + "): "
                + e.getMessage(), e);
          }
        }
        return MaskIou.masks(d, g, crowd);
      }
      case KEYPOINTS:
        return oks(dts, gts);
      default:
        throw new IllegalStateException("unknown IoU type " + params.iouType());
    }
  }

  private static Rle detectionMask(CocoDetection dt, CocoImage image) {
    try {
      return dt.segmentation().toRle(image.height(), image.width());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("detection of image " + image.id() + ", category " + dt.categoryId()
          + ", score " + dt.score() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Object keypoint similarity ({@code computeOks}): the mean over the ground truth's labelled keypoints of
   * {@code exp(-e)}, {@code e = d² / (2σ)² / (area + eps) / 2}, with d the keypoint's distance and σ its COCO
   * sigma. Against ground truth without labelled keypoints, d is the distance to its box enlarged by the box's
   * own width and height on each side, and all keypoints count.
   */
  private double[][] oks(CocoDetection[] dts, CocoAnnotation[] gts) {
    int n = params.keypointCount();
    double[] vars = new double[n];
    for (int j = 0; j < n; j++) {
      double s2 = params.sigma(j) * 2;
      vars[j] = s2 * s2;
    }
    double[][] o = new double[dts.length][gts.length];
    double[] e = new double[n];
    for (int g = 0; g < gts.length; g++) {
      Keypoints gk = gts[g].keypoints();
      int visible = 0;
      for (int j = 0; j < n; j++) {
        if (gk.v(j) > 0) {
          visible++;
        }
      }
      Box bb = gts[g].bbox();
      double x0 = bb.x() - bb.width();
      double x1 = bb.x() + bb.width() * 2;
      double y0 = bb.y() - bb.height();
      double y1 = bb.y() + bb.height() * 2;
      double area = gts[g].area() + EPS;
      for (int d = 0; d < dts.length; d++) {
        Keypoints dk = dts[d].keypoints();
        int m = 0;
        for (int j = 0; j < n; j++) {
          double dx;
          double dy;
          if (visible > 0) {
            if (!(gk.v(j) > 0)) {
              continue;
            }
            dx = dk.x(j) - gk.x(j);
            dy = dk.y(j) - gk.y(j);
          } else {
            dx = Math.max(0, x0 - dk.x(j)) + Math.max(0, dk.x(j) - x1);
            dy = Math.max(0, y0 - dk.y(j)) + Math.max(0, dk.y(j) - y1);
          }
          e[m++] = Math.exp(-((dx * dx + dy * dy) / vars[j] / area / 2));
        }
        o[d][g] = NumpyMath.pairwiseSum(e, 0, m) / m;
      }
    }
    return o;
  }

  /**
   * {@code accumulate} for one category: every area range and maxDets. The reference sorts, for each area range
   * and maxDets, the concatenation (in image order) of each image's first maxDets detections with a stable sort;
   * that order is the stable order of all kept detections restricted to those, and scores do not depend on the
   * area range, so one sort per category serves all twelve settings.
   */
  private void accumulate(int images, int categories, int k, CellEval[] cells, double[] precision,
      double[] recall) {
    int tCount = params.t();
    int rCount = params.r();
    int aCount = params.a();
    int mCount = params.m();
    // Which images have a result is the same in every area range: it depends only on presence of data.
    int[] withData = new int[images];
    int cellCount = 0;
    int nd = 0;
    for (int image = 0; image < images; image++) {
      CellEval cell = cells[(k * aCount) * images + image];
      if (cell != null) {
        withData[cellCount++] = image;
        nd += cell.scores().length;
      }
    }
    if (cellCount == 0) {
      return;
    }
    double[] scores = new double[nd];
    int[] cellOf = new int[nd];
    int[] posOf = new int[nd];
    int at = 0;
    for (int ci = 0; ci < cellCount; ci++) {
      CellEval cell = cells[(k * aCount) * images + withData[ci]];
      for (int d = 0; d < cell.scores().length; d++) {
        scores[at] = cell.scores()[d];
        cellOf[at] = ci;
        posOf[at] = d;
        at++;
      }
    }
    int[] order = NumpyMath.argsortDescendingStable(scores, nd);
    double[] rc = new double[nd];
    double[] pr = new double[nd];
    CellEval[] e = new CellEval[cellCount];
    for (int a = 0; a < aCount; a++) {
      int npig = 0;
      for (int ci = 0; ci < cellCount; ci++) {
        e[ci] = cells[(k * aCount + a) * images + withData[ci]];
        npig += e[ci].positives();
      }
      if (npig == 0) {
        continue;
      }
      for (int m = 0; m < mCount; m++) {
        int maxDet = params.maxDet(m);
        for (int t = 0; t < tCount; t++) {
          double tp = 0;
          double fp = 0;
          int n = 0;
          for (int j = 0; j < nd; j++) {
            int d = posOf[order[j]];
            if (d >= maxDet) {
              continue;
            }
            CellEval cell = e[cellOf[order[j]]];
            int slot = t * cell.scores().length + d;
            if (!cell.ignored()[slot]) {
              if (cell.matched()[slot]) {
                tp++;
              } else {
                fp++;
              }
            }
            rc[n] = tp / npig;
            pr[n] = tp / (fp + tp + EPS);
            n++;
          }
          recall[((t * categories + k) * aCount + a) * mCount + m] = n > 0 ? rc[n - 1] : 0;
          for (int j = n - 1; j > 0; j--) {
            if (pr[j] > pr[j - 1]) {
              pr[j - 1] = pr[j];
            }
          }
          // searchsorted(rc, recThrs, side='left'); precision 0 from the first threshold beyond the last recall.
          int j = 0;
          for (int r = 0; r < rCount; r++) {
            double threshold = params.recallThreshold(r);
            while (j < n && rc[j] < threshold) {
              j++;
            }
            precision[(((t * rCount + r) * categories + k) * aCount + a) * mCount + m] = j < n ? pr[j] : 0;
          }
        }
      }
    }
  }
}
