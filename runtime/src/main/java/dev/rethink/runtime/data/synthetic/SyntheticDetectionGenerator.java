package dev.rethink.runtime.data.synthetic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.data.Voc;
import dev.rethink.runtime.data.Seeds;
import dev.rethink.runtime.data.detection.KeypointSchema;
import dev.rethink.runtime.data.image.ImageFiles;
import dev.rethink.runtime.mask.Rle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Writes synthetic detection sets in the real formats, from {@link DetectionScenes}: image {@code i} of a split
 * is drawn from {@code (seed, split, i)} alone.
 *
 * <p>COCO layout: {@code annotations/instances_{train,val}.json} (or {@code person_keypoints_*}) and
 * {@code {train,val}/<12-digit id>.jpg}, one image in ten written as PNG. Masks are written as COCO does: polygons
 * for wholly visible objects, compressed RLE strings for occluded or holed ones, uncompressed RLE counts for crowd
 * regions. Category ids are {@link DetectionScenes#CATEGORY_IDS} (not contiguous, as COCO's).
 *
 * <p>VOC layout: {@code VOC2007} (the first half of the training images, list {@code trainval}) and
 * {@code VOC2012} (the rest as {@code train}, the evaluation images as {@code val}, both as {@code trainval}), each
 * with {@code Annotations/<id>.xml}, {@code JPEGImages/<id>.jpg}, {@code ImageSets/Main/<list>.txt}. Crowd
 * regions are not annotated (VOC has none); objects whose visible box is under {@value #VOC_DIFFICULT_SIDE} pixels
 * on a side, or less than half visible, are marked difficult; objects touching the border truncated.
 */
public final class SyntheticDetectionGenerator {
  /** Bumped whenever drawing or writing changes, so caches of an older generator are not reused. */
  public static final int VERSION = 1;

  /** Visible boxes smaller than this (pixels, either side) are marked difficult in VOC sets. */
  static final int VOC_DIFFICULT_SIDE = 8;

  /** COCO's person skeleton (1-based keypoint pairs), as in {@code person_keypoints_*.json}. */
  static final int[][] COCO_SKELETON = {{16, 14}, {14, 12}, {17, 15}, {15, 13}, {12, 13}, {6, 12}, {7, 13},
      {6, 7}, {6, 8}, {7, 9}, {8, 10}, {9, 11}, {2, 3}, {1, 2}, {1, 3}, {2, 4}, {3, 5}, {4, 6}, {5, 7}};

  private static final ObjectMapper JSON = new ObjectMapper();

  private SyntheticDetectionGenerator() {}

  /** The cache sub-directory of a COCO-format set; every parameter that changes the files is in its name. */
  public static String directoryName(SyntheticCoco spec) {
    return String.format(Locale.ROOT, "coco-%s-%dx%d-%dpx-seed%d-v%d", spec.keypoints() ? "keypoints" : "instances",
        spec.trainImages(), spec.evalImages(), spec.imageSize(), spec.seed(), VERSION);
  }

  /** The cache sub-directory of a VOC-format set. */
  public static String directoryName(SyntheticVoc spec) {
    return String.format(Locale.ROOT, "voc-%dx%d-%dpx-seed%d-v%d", spec.trainImages(), spec.evalImages(),
        spec.imageSize(), spec.seed(), VERSION);
  }

  /** Annotation file of a split of a COCO-format set, relative to its directory. */
  public static String annotationFile(SyntheticCoco spec, String split) {
    return "annotations/" + (spec.keypoints() ? "person_keypoints_" : "instances_") + split + ".json";
  }

  /** The VOC spec that reads a generated set: the paper's image sets, the synthetic classes. */
  public static Voc vocSpec(Path dir) {
    return new Voc(dir.toString(), Voc.PAPER_TRAIN_SETS, Voc.PAPER_EVAL_SET, DetectionScenes.CLASS_NAMES);
  }

  /** Width and height of image {@code i}: longer side {@code size}, shorter 60–100% of it, mostly landscape. */
  static int[] imageSize(SplittableRandom random, int size) {
    int shorter = (int) Math.round(size * (0.6 + 0.4 * random.nextDouble()));
    return random.nextDouble() < 0.7 ? new int[] {size, shorter} : new int[] {shorter, size};
  }

  /** The scene of image {@code i} of split {@code split} (0 train, 1 eval). */
  public static DetectionScenes.Scene scene(long seed, int split, int i, int size, boolean keypoints) {
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, split, i));
    int[] wh = imageSize(random, size);
    return DetectionScenes.render(wh[0], wh[1], keypoints, random);
  }

  // ---- COCO -----------------------------------------------------------------------------------------------------

  /** Generates a COCO-format set into the (empty) directory {@code dir}. */
  public static void generateCoco(SyntheticCoco spec, Path dir, int threads) {
    String[] splits = {"train", "val"};
    int[] counts = {spec.trainImages(), spec.evalImages()};
    long firstId = 1;
    long[] annotationId = {1};
    for (int s = 0; s < 2; s++) {
      int split = s;
      long base = firstId;
      Path images = dir.resolve(splits[s]);
      List<CocoImage> written = parallel(counts[s], threads, i -> {
        DetectionScenes.Scene scene = scene(spec.seed(), split, i, spec.imageSize(), spec.keypoints());
        long id = base + i;
        String name = String.format(Locale.ROOT, "%012d.%s", id, id % 10 == 7 ? "png" : "jpg");
        Path file = images.resolve(name);
        if (name.endsWith("png")) {
          ImageFiles.writePng(scene.image(), file);
        } else {
          ImageFiles.writeJpeg(scene.image(), SyntheticClassificationGenerator.JPEG_QUALITY, file);
        }
        return new CocoImage(id, name, scene.image().getWidth(), scene.image().getHeight(), scene.annotations());
      }, images);
      writeCocoJson(dir.resolve(annotationFile(spec, splits[s])), written, spec.keypoints(), annotationId);
      firstId += counts[s];
    }
  }

  private record CocoImage(long id, String fileName, int width, int height,
      List<DetectionScenes.Annotated> annotations) {}

  private static void writeCocoJson(Path file, List<CocoImage> images, boolean keypoints, long[] nextId) {
    try {
      Files.createDirectories(file.getParent());
      try (JsonGenerator g = JSON.getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeObjectFieldStart("info");
        g.writeStringField("description", "Rethink synthetic " + (keypoints ? "person keypoints" : "instances"));
        g.writeNumberField("version", VERSION);
        g.writeEndObject();
        g.writeArrayFieldStart("licenses");
        g.writeEndArray();
        g.writeArrayFieldStart("images");
        for (CocoImage im : images) {
          g.writeStartObject();
          g.writeNumberField("id", im.id());
          g.writeStringField("file_name", im.fileName());
          g.writeNumberField("width", im.width());
          g.writeNumberField("height", im.height());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("annotations");
        for (CocoImage im : images) {
          for (DetectionScenes.Annotated a : im.annotations()) {
            writeAnnotation(g, nextId[0]++, im, a, keypoints);
          }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("categories");
        if (keypoints) {
          g.writeStartObject();
          g.writeNumberField("id", 1);
          g.writeStringField("name", "person");
          g.writeStringField("supercategory", "person");
          g.writeArrayFieldStart("keypoints");
          for (String n : KeypointSchema.COCO_PERSON.names()) {
            g.writeString(n);
          }
          g.writeEndArray();
          g.writeArrayFieldStart("skeleton");
          for (int[] bone : COCO_SKELETON) {
            g.writeArray(bone, 0, 2);
          }
          g.writeEndArray();
          g.writeEndObject();
        } else {
          for (int c = 0; c < DetectionScenes.CLASS_NAMES.size(); c++) {
            g.writeStartObject();
            g.writeNumberField("id", DetectionScenes.CATEGORY_IDS.get(c));
            g.writeStringField("name", DetectionScenes.CLASS_NAMES.get(c));
            g.writeStringField("supercategory", "shape");
            g.writeEndObject();
          }
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  private static void writeAnnotation(JsonGenerator g, long id, CocoImage im, DetectionScenes.Annotated a,
      boolean keypoints) throws IOException {
    int[] box = Footprint.box(a.visible(), im.width(), im.height());
    g.writeStartObject();
    g.writeNumberField("id", id);
    g.writeNumberField("image_id", im.id());
    g.writeNumberField("category_id", keypoints ? 1 : DetectionScenes.CATEGORY_IDS.get(a.label()));
    g.writeFieldName("segmentation");
    if (a.polygons() != null && !a.crowd()) {
      g.writeStartArray();
      for (double[] p : a.polygons()) {
        g.writeArray(p, 0, p.length);
      }
      g.writeEndArray();
    } else {
      Rle rle = Footprint.rle(a.visible(), im.width(), im.height());
      g.writeStartObject();
      g.writeArrayFieldStart("size");
      g.writeNumber(im.height());
      g.writeNumber(im.width());
      g.writeEndArray();
      if (a.crowd()) {
        int[] counts = rle.counts();
        g.writeFieldName("counts");
        g.writeArray(counts, 0, counts.length);
      } else {
        g.writeStringField("counts", rle.toCompressedString());
      }
      g.writeEndObject();
    }
    g.writeNumberField("area", Footprint.area(a.visible()));
    g.writeArrayFieldStart("bbox");
    g.writeNumber(box[0]);
    g.writeNumber(box[1]);
    g.writeNumber(box[2] - box[0]);
    g.writeNumber(box[3] - box[1]);
    g.writeEndArray();
    g.writeNumberField("iscrowd", a.crowd() ? 1 : 0);
    if (keypoints) {
      double[] kp = a.keypoints() == null || a.crowd() ? new double[17 * 3] : a.keypoints();
      g.writeArrayFieldStart("keypoints");
      int labeled = 0;
      for (int k = 0; k < 17; k++) {
        boolean on = kp[k * 3 + 2] > 0;
        labeled += on ? 1 : 0;
        // COCO stores the index of the pixel holding the keypoint.
        g.writeNumber(on ? (int) Math.floor(kp[k * 3]) : 0);
        g.writeNumber(on ? (int) Math.floor(kp[k * 3 + 1]) : 0);
        g.writeNumber((int) kp[k * 3 + 2]);
      }
      g.writeEndArray();
      g.writeNumberField("num_keypoints", labeled);
    }
    g.writeEndObject();
  }

  // ---- VOC ------------------------------------------------------------------------------------------------------

  /** Generates a VOC-format set into the (empty) directory {@code dir}. */
  public static void generateVoc(SyntheticVoc spec, Path dir, int threads) {
    int first2007 = (spec.trainImages() + 1) / 2;
    List<String> voc2007 = writeVocImages(spec, dir.resolve("VOC2007"), 0, 0, first2007, "2007", threads);
    List<String> train2012 = writeVocImages(spec, dir.resolve("VOC2012"), 0, first2007, spec.trainImages(), "2012",
        threads);
    List<String> val2012 = writeVocImages(spec, dir.resolve("VOC2012"), 1, 0, spec.evalImages(), "2012", threads);
    writeList(dir.resolve("VOC2007"), "trainval", voc2007);
    writeList(dir.resolve("VOC2012"), "train", train2012);
    writeList(dir.resolve("VOC2012"), "val", val2012);
    List<String> trainval2012 = new ArrayList<>(train2012);
    trainval2012.addAll(val2012);
    trainval2012.sort(null);
    writeList(dir.resolve("VOC2012"), "trainval", trainval2012);
  }

  private static List<String> writeVocImages(SyntheticVoc spec, Path year, int split, int from, int to,
      String yearName, int threads) {
    Path annotations = year.resolve("Annotations");
    Path images = year.resolve("JPEGImages");
    try {
      Files.createDirectories(annotations);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parallel(to - from, threads, k -> {
      int i = from + k;
      String id = String.format(Locale.ROOT, "%s_%c%05d", yearName, split == 0 ? 't' : 'v', i);
      DetectionScenes.Scene scene = scene(spec.seed(), split, i, spec.imageSize(), false);
      ImageFiles.writeJpeg(scene.image(), SyntheticClassificationGenerator.JPEG_QUALITY, images.resolve(id + ".jpg"));
      writeVocXml(annotations.resolve(id + ".xml"), id, scene);
      return id;
    }, images);
  }

  private static void writeVocXml(Path file, String id, DetectionScenes.Scene scene) {
    int w = scene.image().getWidth();
    int h = scene.image().getHeight();
    StringBuilder xml = new StringBuilder();
    xml.append("<annotation>\n  <folder>VOC</folder>\n  <filename>").append(id).append(".jpg</filename>\n")
        .append("  <size>\n    <width>").append(w).append("</width>\n    <height>").append(h)
        .append("</height>\n    <depth>3</depth>\n  </size>\n  <segmented>0</segmented>\n");
    for (DetectionScenes.Annotated a : scene.annotations()) {
      if (a.crowd()) {
        continue;
      }
      int[] box = Footprint.box(a.visible(), w, h);
      int visible = Footprint.area(a.visible());
      boolean small = box[2] - box[0] < VOC_DIFFICULT_SIDE || box[3] - box[1] < VOC_DIFFICULT_SIDE;
      boolean hidden = visible < 0.5 * a.fullArea();
      boolean truncated = box[0] == 0 || box[1] == 0 || box[2] == w || box[3] == h;
      // VOC corners are 1-based and inclusive: pixels x0..x1-1 are xmin = x0 + 1 .. xmax = x1.
      xml.append("  <object>\n    <name>").append(DetectionScenes.CLASS_NAMES.get(a.label()))
          .append("</name>\n    <pose>Unspecified</pose>\n    <truncated>").append(truncated ? 1 : 0)
          .append("</truncated>\n    <difficult>").append(small || hidden ? 1 : 0).append("</difficult>\n")
          .append("    <bndbox>\n      <xmin>").append(box[0] + 1).append("</xmin>\n      <ymin>").append(box[1] + 1)
          .append("</ymin>\n      <xmax>").append(box[2]).append("</xmax>\n      <ymax>").append(box[3])
          .append("</ymax>\n    </bndbox>\n  </object>\n");
    }
    xml.append("</annotation>\n");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(xml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  private static void writeList(Path year, String list, List<String> ids) {
    try {
      Path main = Files.createDirectories(year.resolve("ImageSets").resolve("Main"));
      Files.write(main.resolve(list + ".txt"), ids, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- shared ---------------------------------------------------------------------------------------------------

  /** Runs {@code task} for 0..n-1 on {@code threads} threads; results in index order. */
  private static <T> List<T> parallel(int n, int threads, IntFunction<T> task, Path folder) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "synthetic-detection");
      t.setDaemon(true);
      return t;
    });
    try {
      Files.createDirectories(folder);
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.apply(index)));
      }
      List<T> out = new ArrayList<>(n);
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("generating " + folder + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating " + folder, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
