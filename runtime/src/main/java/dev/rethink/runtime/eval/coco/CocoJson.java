package dev.rethink.runtime.eval.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.mask.Rle;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads COCO ground-truth annotation files and results files, and writes results files, with Jackson's streaming
 * parser (one entry in memory at a time).
 *
 * <p>Results follow pycocotools' {@code COCO.loadRes}: the first entry decides the kind of the whole file — a
 * non-empty {@code bbox} makes it a box file (area {@code w * h}, even if a {@code segmentation} is present too),
 * else a {@code segmentation} a mask file (area = mask pixels), else {@code keypoints} a keypoint file (area of
 * the keypoints' extent). Unlike the reference, which silently drops results of unknown categories, every entry
 * must name an image and a category of the ground truth; any violation is a {@link CocoFormatException} naming
 * the file, the entry's index and the field. A segmentation that breaks the format (say a polygon of two points)
 * is kept as {@link Segmentation.Malformed}: only a segm evaluation, which needs it, reports it.
 */
public final class CocoJson {
  /**
   * Jackson's fast double parser is correctly rounded (as the default one), just quicker on number-heavy files.
   * {@code NaN} and {@code Infinity} are read (Python's {@code json.dump} writes them for a diverged model's
   * scores) so that the number's own check names the entry, rather than the parser naming a feature flag.
   */
  private static final ObjectMapper MAPPER = new ObjectMapper(
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build());
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private CocoJson() {}

  // ---------------------------------------------------------------- ground truth

  /** Reads a COCO annotations file ({@code images}, {@code categories}, {@code annotations}). */
  public static CocoGroundTruth readGroundTruth(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return readGroundTruth(in, file.toString());
    }
  }

  /** Reads COCO annotations; {@code source} names the input in messages. */
  public static CocoGroundTruth readGroundTruth(InputStream in, String source) throws IOException {
    List<CocoImage> images = new ArrayList<>();
    List<CocoCategory> categories = new ArrayList<>();
    List<CocoAnnotation> annotations = new ArrayList<>();
    boolean sawImages = false;
    boolean sawCategories = false;
    try (JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new CocoFormatException(source + ": a COCO annotations file is a JSON object with images, "
            + "categories and annotations; found " + describe(p.currentToken()));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "images" -> {
            sawImages = true;
            readArray(p, source, field, (node, i) -> images.add(image(node, source, i)));
          }
          case "categories" -> {
            sawCategories = true;
            readArray(p, source, field, (node, i) -> categories.add(category(node, source, i)));
          }
          case "annotations" -> readArray(p, source, field,
              (node, i) -> annotations.add(annotation(node, source, i)));
          default -> {
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
              p.skipChildren();
            }
          }
        }
      }
    } catch (JsonProcessingException e) {
      throw malformed(source, e);
    }
    if (!sawImages || !sawCategories) {
      throw new CocoFormatException(source + ": not a COCO annotations file: it has no "
          + (sawImages ? "categories" : "images") + " list");
    }
    try {
      return new CocoGroundTruth(images, categories, annotations);
    } catch (IllegalArgumentException e) {
      throw new CocoFormatException(source + ": " + e.getMessage(), e);
    }
  }

  private static CocoImage image(JsonNode node, String source, int i) {
    String where = source + ": images[" + i + "]";
    requireObject(node, where);
    long id = longField(node, "id", where);
    where += " (id " + id + ")";
    int width = intField(node, "width", where);
    int height = intField(node, "height", where);
    try {
      return new CocoImage(id, width, height);
    } catch (IllegalArgumentException e) {
      throw new CocoFormatException(where + ": " + e.getMessage(), e);
    }
  }

  private static CocoCategory category(JsonNode node, String source, int i) {
    String where = source + ": categories[" + i + "]";
    requireObject(node, where);
    int id = intField(node, "id", where);
    JsonNode name = node.get("name");
    return new CocoCategory(id, name == null || name.isNull() ? "" : name.asText());
  }

  private static CocoAnnotation annotation(JsonNode node, String source, int i) {
    String where = source + ": annotations[" + i + "]";
    requireObject(node, where);
    long id = longField(node, "id", where);
    where += " (id " + id + ")";
    long imageId = longField(node, "image_id", where);
    int categoryId = intField(node, "category_id", where);
    Box bbox = box(required(node, "bbox", where), where + ".bbox");
    double area = number(required(node, "area", where), where + ".area");
    boolean crowd = false;
    JsonNode iscrowd = node.get("iscrowd");
    if (iscrowd != null && !iscrowd.isNull()) {
      if (iscrowd.isBoolean()) {
        crowd = iscrowd.booleanValue();
      } else {
        crowd = number(iscrowd, where + ".iscrowd") != 0;
      }
    }
    Segmentation segmentation = null;
    JsonNode segm = node.get("segmentation");
    if (segm != null && !segm.isNull() && !(segm.isArray() && segm.isEmpty())) {
      String at = where + ".segmentation";
      segmentation = deferred(() -> segmentation(segm, at, true));
    }
    Keypoints keypoints = null;
    int numKeypoints = 0;
    JsonNode kp = node.get("keypoints");
    if (kp != null && !kp.isNull()) {
      keypoints = keypoints(kp, where + ".keypoints");
      JsonNode num = node.get("num_keypoints");
      if (num != null && !num.isNull()) {
        numKeypoints = intField(node, "num_keypoints", where);
      } else {
        for (int j = 0; j < keypoints.count(); j++) {
          numKeypoints += keypoints.v(j) > 0 ? 1 : 0;
        }
      }
    }
    try {
      return new CocoAnnotation(id, imageId, categoryId, bbox, area, crowd, segmentation, keypoints, numKeypoints);
    } catch (IllegalArgumentException e) {
      throw new CocoFormatException(where + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- results

  /** Reads a results file: a JSON list of {@code {image_id, category_id, bbox | segmentation | keypoints, score}}. */
  public static List<CocoDetection> readResults(Path file, CocoGroundTruth groundTruth) throws IOException {
    try (InputStream in = open(file)) {
      return readResults(in, file.toString(), groundTruth);
    }
  }

  /** Reads results; {@code source} names the input in messages. */
  public static List<CocoDetection> readResults(InputStream in, String source, CocoGroundTruth groundTruth)
      throws IOException {
    List<CocoDetection> detections = new ArrayList<>();
    ResultKind[] kind = {null};
    try (JsonParser p = FACTORY.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_ARRAY) {
        throw new CocoFormatException(source + ": a results file is a JSON list of detections "
            + "[{image_id, category_id, bbox|segmentation|keypoints, score}, ...]; found " + describe(first));
      }
      readArrayElements(p, source, "results", (node, i) -> {
        if (kind[0] == null) {
          kind[0] = kindOf(node, source + ": results[0]");
        }
        detections.add(result(node, kind[0], source + ": results[" + i + "]", groundTruth));
      });
      if (p.nextToken() != null) {
        throw new CocoFormatException(source + ": unexpected content after the results list");
      }
    } catch (JsonProcessingException e) {
      throw malformed(source, e);
    }
    return detections;
  }

  private enum ResultKind { BOX, MASK, KEYPOINTS }

  private static ResultKind kindOf(JsonNode first, String where) {
    requireObject(first, where);
    JsonNode bbox = first.get("bbox");
    if (bbox != null && !(bbox.isArray() && bbox.isEmpty())) {
      return ResultKind.BOX;
    }
    if (first.has("segmentation")) {
      return ResultKind.MASK;
    }
    if (first.has("keypoints")) {
      return ResultKind.KEYPOINTS;
    }
    throw new CocoFormatException(where + ": has none of bbox, segmentation, keypoints; the first result decides "
        + "the kind of the whole file");
  }

  private static CocoDetection result(JsonNode node, ResultKind kind, String where, CocoGroundTruth gt) {
    requireObject(node, where);
    long imageId = longField(node, "image_id", where);
    where += " (image_id " + imageId + ")";
    CocoImage image = gt.image(imageId);
    if (image == null) {
      throw new CocoFormatException(where + ": image_id " + imageId + " is not in the ground truth");
    }
    int categoryId = intField(node, "category_id", where);
    if (!gt.hasCategory(categoryId)) {
      throw new CocoFormatException(where + ": category_id " + categoryId + " is not among the ground truth's "
          + "categories " + gt.categoryIdList() + " (hint: results use the dataset's category ids)");
    }
    JsonNode scoreNode = required(node, "score", where);
    if (scoreNode.isNumber() && !Double.isFinite(scoreNode.doubleValue())) {
      throw new CocoFormatException(where + ".score must be a finite number, found " + scoreNode.doubleValue()
          + " (scores rank the detections; a non-finite one usually comes from a model that diverged)");
    }
    double score = number(scoreNode, where + ".score");
    try {
      switch (kind) {
        case BOX: {
          Box bbox = box(requiredFor(node, "bbox", where, "a box results file"), where + ".bbox");
          JsonNode segm = node.get("segmentation");
          Segmentation s = null;
          if (segm != null && !segm.isNull()) {
            String at = where + ".segmentation";
            s = deferred(() -> {
              Segmentation read = segmentation(segm, at, true);
              checkSize(read, image, at);
              return read;
            });
          }
          return new CocoDetection(imageId, categoryId, score, bbox, s, null, bbox.area());
        }
        case MASK: {
          Segmentation s = segmentation(requiredFor(node, "segmentation", where, "a mask results file"),
              where + ".segmentation", false);
          checkSize(s, image, where + ".segmentation");
          Rle rle = ((Segmentation.Mask) s).rle();
          JsonNode bb = node.get("bbox");
          Box bbox = bb == null || bb.isNull() ? Box.of(rle.toBbox()) : box(bb, where + ".bbox");
          return new CocoDetection(imageId, categoryId, score, bbox, s, null, rle.area());
        }
        case KEYPOINTS: {
          Keypoints k = keypoints(requiredFor(node, "keypoints", where, "a keypoint results file"),
              where + ".keypoints");
          return CocoDetection.keypoints(imageId, categoryId, score, k);
        }
        default:
          throw new IllegalStateException(kind.toString());
      }
    } catch (CocoFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new CocoFormatException(where + ": " + e.getMessage(), e);
    }
  }

  private static void checkSize(Segmentation s, CocoImage image, String where) {
    if (s instanceof Segmentation.Mask m
        && (m.rle().height() != image.height() || m.rle().width() != image.width())) {
      throw new CocoFormatException(where + ": RLE size [" + m.rle().height() + ", " + m.rle().width()
          + "] is not image " + image.id() + "'s [height, width] = [" + image.height() + ", " + image.width() + "]");
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes detections as a COCO results file for one IoU type, as Detectron does: {@code bbox} files carry boxes,
   * {@code segm} files masks (compressed RLE, no box, so that any tool takes the mask's own area), keypoint files
   * keypoints. Category ids are written as they are: map contiguous class indices with
   * {@link CocoGroundTruth#categoryId(int)} first.
   */
  public static void writeResults(OutputStream out, List<CocoDetection> detections, IouType iouType)
      throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (int i = 0; i < detections.size(); i++) {
        CocoDetection d = detections.get(i);
        g.writeStartObject();
        g.writeNumberField("image_id", d.imageId());
        g.writeNumberField("category_id", d.categoryId());
        switch (iouType) {
          case BBOX -> {
            g.writeFieldName("bbox");
            g.writeArray(d.bbox().toArray(), 0, 4);
          }
          case SEGM -> {
            if (!(d.segmentation() instanceof Segmentation.Mask m)) {
              throw new IllegalArgumentException("detections[" + i + "] has no mask to write as a segm result");
            }
            g.writeObjectFieldStart("segmentation");
            g.writeFieldName("size");
            g.writeArray(new int[] {m.rle().height(), m.rle().width()}, 0, 2);
            g.writeStringField("counts", m.rle().toCompressedString());
            g.writeEndObject();
          }
          case KEYPOINTS -> {
            if (d.keypoints() == null) {
              throw new IllegalArgumentException("detections[" + i + "] has no keypoints to write");
            }
            double[] k = d.keypoints().values();
            g.writeFieldName("keypoints");
            g.writeArray(k, 0, k.length);
          }
          default -> throw new IllegalStateException(iouType.toString());
        }
        g.writeNumberField("score", d.score());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  /** Writes a results file; see {@link #writeResults(OutputStream, List, IouType)}. */
  public static void writeResults(Path file, List<CocoDetection> detections, IouType iouType) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      writeResults(out, detections, iouType);
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A segmentation that only a mask evaluation reads: one that breaks the format is kept as
   * {@link Segmentation.Malformed}, reported by a segm evaluation, ignored by a box or keypoint one.
   */
  private static Segmentation deferred(Supplier<Segmentation> read) {
    try {
      return read.get();
    } catch (CocoFormatException e) {
      return new Segmentation.Malformed(e.getMessage());
    }
  }

  private interface EntryReader {
    void read(JsonNode node, int index);
  }

  private static void readArray(JsonParser p, String source, String field, EntryReader reader) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new CocoFormatException(source + ": " + field + " must be a JSON list, found "
          + describe(p.currentToken()));
    }
    readArrayElements(p, source, field, reader);
  }

  private static void readArrayElements(JsonParser p, String source, String field, EntryReader reader)
      throws IOException {
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == null) {
        throw new CocoFormatException(source + ": " + field + " list is not closed");
      }
      JsonNode node = MAPPER.readTree(p);
      reader.read(node, i++);
    }
  }

  /**
   * The parser's complaint with its line and column, without its advice on parser features (e.g. "enable
   * `JsonReadFeature.ALLOW_TRAILING_COMMA`"), which concerns this code, not the file.
   */
  private static CocoFormatException malformed(String source, JsonProcessingException e) {
    String message = e.getOriginalMessage()
        .replaceAll("\\s*\\(not recognized as one since Feature '\\w+' not enabled for parser\\)", "")
        .replaceAll("\\s*\\((or )?enable `[\\w.]+`[^)]*\\)", "")
        .replaceAll(":?\\s*enable `[\\w.]+` to allow", "");
    String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
    return new CocoFormatException(source + ": malformed JSON: " + message + at, e);
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new CocoFormatException(file + ": no such file", e);
    }
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "an empty file";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }

  private static void requireObject(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new CocoFormatException(where + ": expected an object, found " + node.getNodeType());
    }
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new CocoFormatException(where + ": missing " + field);
    }
    return v;
  }

  private static JsonNode requiredFor(JsonNode node, String field, String where, String kind) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new CocoFormatException(where + ": missing " + field + ", which every entry of " + kind
          + " needs (the first result decides the kind of the file)");
    }
    return v;
  }

  private static long longField(JsonNode node, String field, String where) {
    JsonNode v = required(node, field, where);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new CocoFormatException(where + ": " + field + " must be an integer, found " + v);
    }
    return v.longValue();
  }

  private static int intField(JsonNode node, String field, String where) {
    JsonNode v = required(node, field, where);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new CocoFormatException(where + ": " + field + " must be a (32-bit) integer, found " + v);
    }
    return v.intValue();
  }

  private static double number(JsonNode v, String where) {
    if (!v.isNumber()) {
      throw new CocoFormatException(where + " must be a number, found " + v);
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      throw new CocoFormatException(where + " must be a finite number, found " + d);
    }
    return d;
  }

  private static double[] numbers(JsonNode v, String where) {
    if (!v.isArray()) {
      throw new CocoFormatException(where + " must be a list of numbers, found " + v.getNodeType());
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(v.get(i), where + "[" + i + "]");
    }
    return out;
  }

  private static Box box(JsonNode v, String where) {
    double[] b = numbers(v, where);
    if (b.length != 4) {
      throw new CocoFormatException(where + " must be [x, y, w, h], has " + b.length + " numbers");
    }
    try {
      return Box.of(b);
    } catch (IllegalArgumentException e) {
      throw new CocoFormatException(where + ": " + e.getMessage(), e);
    }
  }

  private static Keypoints keypoints(JsonNode v, String where) {
    try {
      return new Keypoints(numbers(v, where));
    } catch (IllegalArgumentException e) {
      throw new CocoFormatException(where + ": " + e.getMessage(), e);
    }
  }

  /** Polygons (if allowed) or an RLE object with compressed (string) or uncompressed (list) counts. */
  private static Segmentation segmentation(JsonNode v, String where, boolean polygonsAllowed) {
    if (v.isArray()) {
      if (!polygonsAllowed) {
        throw new CocoFormatException(where + ": mask results must be RLE objects {size: [h, w], counts}, "
            + "not polygons");
      }
      List<double[]> parts = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        double[] xy = numbers(v.get(i), where + "[" + i + "]");
        // The reference rasterizes degenerate parts (one or two points) but reads a first part of 4 numbers as
        // a box, and fails on odd lengths.
        if (xy.length % 2 != 0 || xy.length < 2 || (i == 0 && xy.length <= 4)) {
          throw new CocoFormatException(where + "[" + i + "]: a polygon needs an even number of coordinates, at "
              + "least 6 for the first part; has " + xy.length);
        }
        parts.add(xy);
      }
      return new Segmentation.PolygonParts(parts);
    }
    if (!v.isObject()) {
      throw new CocoFormatException(where + " must be polygons or an RLE object {size, counts}, found "
          + v.getNodeType());
    }
    double[] size = numbers(required(v, "size", where), where + ".size");
    if (size.length != 2 || size[0] != Math.rint(size[0]) || size[1] != Math.rint(size[1])
        || size[0] < 0 || size[1] < 0) {
      throw new CocoFormatException(where + ".size must be [height, width] (non-negative integers)");
    }
    int h = (int) size[0];
    int w = (int) size[1];
    JsonNode counts = required(v, "counts", where);
    try {
      if (counts.isTextual()) {
        return new Segmentation.Mask(Rle.fromCompressedString(h, w, counts.textValue()));
      }
      double[] c = numbers(counts, where + ".counts");
      int[] runs = new int[c.length];
      for (int i = 0; i < c.length; i++) {
        if (c[i] != Math.rint(c[i]) || c[i] < 0 || c[i] > Integer.MAX_VALUE) {
          throw new CocoFormatException(where + ".counts[" + i + "] must be a non-negative integer, found " + c[i]);
        }
        runs[i] = (int) c[i];
      }
      return new Segmentation.Mask(new Rle(h, w, runs));
    } catch (CocoFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new CocoFormatException(where + ": malformed RLE: " + e.getMessage(), e);
    }
  }
}
