package dev.rethink.runtime.data.coco;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.ImageRecord;
import dev.rethink.runtime.data.detection.Instance;
import dev.rethink.runtime.data.detection.KeypointSchema;
import dev.rethink.runtime.data.detection.Segmentation;
import dev.rethink.runtime.mask.CompressedRle;
import dev.rethink.runtime.mask.Rle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a COCO annotation file ({@code instances_*.json} or {@code person_keypoints_*.json}) with its image folder.
 * The file is streamed (COCO's 450 MB training file is never held as one tree) and checked entirely before
 * training starts; each problem is an error naming the file and the image or annotation id:
 * malformed or truncated JSON, a missing field, duplicate ids, an annotation referencing an unknown image or
 * category, a box with width or height ≤ 0, a polygon of fewer than 3 points, an RLE whose size differs from its
 * image's or whose counts do not cover it, keypoints of the wrong length, a missing image file.
 *
 * <p>Category ids map to contiguous labels in increasing id order (Detectron2's
 * {@code thing_dataset_id_to_contiguous_id}). Boxes become {@code [x, y, x + w, y + h]}; keypoint coordinates get
 * + 0.5 (COCO stores pixel indices; Detectron2 converts them to continuous coordinates the same way).
 */
public final class CocoAnnotationFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CocoAnnotationFile() {}

  /** All images of {@code annotations} (sorted by id) with all their annotations; nothing is skipped here. */
  public static DetectionSet read(Path annotations, Path imageDir) {
    Raw raw = parse(annotations);
    String file = annotations.toString();

    TreeMap<Long, JsonNode> categoriesById = new TreeMap<>();
    for (JsonNode c : raw.categories) {
      long id = requiredLong(file, "category", c, "id", c);
      if (categoriesById.put(id, c) != null) {
        throw new DataException(file + ": category id " + id + " appears twice");
      }
    }
    if (categoriesById.isEmpty()) {
      throw new DataException(file + ": no categories");
    }
    Map<Long, Integer> labelOf = new HashMap<>();
    List<String> classNames = new ArrayList<>();
    List<Long> categoryIds = new ArrayList<>();
    KeypointSchema keypoints = null;
    for (Map.Entry<Long, JsonNode> e : categoriesById.entrySet()) {
      labelOf.put(e.getKey(), classNames.size());
      classNames.add(requiredText(file, "category", e.getValue(), "name", e.getKey()));
      categoryIds.add(e.getKey());
      JsonNode kp = e.getValue().get("keypoints");
      if (kp != null && kp.isArray() && kp.size() > 0) {
        if (keypoints != null) {
          throw new DataException(file + ": category " + e.getKey() + " has keypoints, as does another category;"
              + " one keypoint category per file is supported (COCO has only person)");
        }
        List<String> names = new ArrayList<>();
        kp.forEach(n -> names.add(n.asText()));
        keypoints = new KeypointSchema(names);
      }
    }

    TreeMap<Long, JsonNode> imagesById = new TreeMap<>();
    for (JsonNode im : raw.images) {
      long id = requiredLong(file, "image", im, "id", im);
      if (imagesById.put(id, im) != null) {
        throw new DataException(file + ": image id " + id + " appears twice");
      }
    }

    Map<Long, List<Instance>> instancesByImage = new HashMap<>();
    Set<Long> annotationIds = new HashSet<>();
    for (JsonNode a : raw.annotations) {
      long id = requiredLong(file, "annotation", a, "id", a);
      if (!annotationIds.add(id)) {
        throw new DataException(file + ": annotation id " + id + " appears twice");
      }
      String at = file + ": annotation " + id;
      long imageId = requiredLong(file, "annotation", a, "image_id", id);
      JsonNode image = imagesById.get(imageId);
      if (image == null) {
        throw new DataException(at + " references image " + imageId + ", which is not in \"images\"");
      }
      long categoryId = requiredLong(file, "annotation", a, "category_id", id);
      Integer label = labelOf.get(categoryId);
      if (label == null) {
        throw new DataException(at + " references category " + categoryId + ", which is not in \"categories\"");
      }
      int height = requiredInt(file, "image", image, "height", imageId);
      int width = requiredInt(file, "image", image, "width", imageId);
      instancesByImage.computeIfAbsent(imageId, k -> new ArrayList<>())
          .add(instance(at, id, label, a, height, width, keypoints));
    }

    List<ImageRecord> images = new ArrayList<>();
    for (Map.Entry<Long, JsonNode> e : imagesById.entrySet()) {
      JsonNode im = e.getValue();
      long id = e.getKey();
      String name = requiredText(file, "image", im, "file_name", id);
      int width = requiredInt(file, "image", im, "width", id);
      int height = requiredInt(file, "image", im, "height", id);
      if (width < 1 || height < 1) {
        throw new DataException(file + ": image " + id + " has size " + width + "x" + height);
      }
      Path path = imageDir.resolve(name);
      if (!Files.isRegularFile(path)) {
        throw new DataException(path + ": image file of image " + id + " (listed in " + file + ") is missing");
      }
      images.add(new ImageRecord(id, name, path, width, height, instancesByImage.getOrDefault(id, List.of())));
    }
    return new DetectionSet(file, classNames, categoryIds, keypoints, images, Map.of());
  }

  private static Instance instance(String at, long id, int label, JsonNode a, int height, int width,
      KeypointSchema keypoints) {
    JsonNode bbox = a.get("bbox");
    if (bbox == null || !bbox.isArray() || bbox.size() != 4) {
      throw new DataException(at + ": \"bbox\" must be [x, y, width, height], is " + bbox);
    }
    double x = bbox.get(0).asDouble();
    double y = bbox.get(1).asDouble();
    double w = bbox.get(2).asDouble();
    double h = bbox.get(3).asDouble();
    if (!(w > 0) || !(h > 0)) {
      throw new DataException(at + ": degenerate box " + bbox + " (width and height must be > 0)");
    }
    boolean crowd = a.path("iscrowd").asInt(0) != 0;
    double area = a.has("area") ? a.get("area").asDouble() : w * h;
    Segmentation segmentation = segmentation(at, a.get("segmentation"), height, width);
    float[] kp = null;
    JsonNode k = a.get("keypoints");
    if (k != null && !k.isNull()) {
      if (keypoints == null || !k.isArray() || k.size() != 3 * keypoints.size()) {
        throw new DataException(at + ": \"keypoints\" has " + (k.isArray() ? k.size() : "no") + " values; "
            + (keypoints == null ? "no category declares keypoints" : "expected 3 x " + keypoints.size()));
      }
      kp = new float[k.size()];
      for (int i = 0; i < kp.length; i++) {
        kp[i] = (float) k.get(i).asDouble() + (i % 3 == 2 ? 0f : 0.5f);
      }
    }
    return new Instance(id, label, new double[] {x, y, x + w, y + h}, area, crowd, false, segmentation, kp);
  }

  private static Segmentation segmentation(String at, JsonNode s, int height, int width) {
    if (s == null || s.isNull() || (s.isArray() && s.isEmpty())) {
      return null;
    }
    try {
      if (s.isArray()) {
        List<double[]> polygons = new ArrayList<>();
        for (int p = 0; p < s.size(); p++) {
          JsonNode poly = s.get(p);
          if (!poly.isArray() || poly.size() < 6 || poly.size() % 2 != 0) {
            throw new DataException(at + ": polygon " + p + " has " + (poly.isArray() ? poly.size() : 0)
                + " coordinates; a polygon needs at least 3 points (6 numbers, x and y alternating)");
          }
          double[] xy = new double[poly.size()];
          for (int i = 0; i < xy.length; i++) {
            xy[i] = poly.get(i).asDouble();
          }
          polygons.add(xy);
        }
        return new Segmentation.PolygonMask(polygons);
      }
      JsonNode size = s.get("size");
      JsonNode counts = s.get("counts");
      if (size == null || size.size() != 2 || counts == null) {
        throw new DataException(at + ": \"segmentation\" must be polygons or {\"size\": [h, w], \"counts\": ...}");
      }
      int h = size.get(0).asInt();
      int w = size.get(1).asInt();
      if (h != height || w != width) {
        throw new DataException(at + ": RLE size [" + h + ", " + w + "] differs from its image's [" + height + ", "
            + width + "]");
      }
      int[] runs;
      if (counts.isTextual()) {
        runs = CompressedRle.decode(counts.asText());
      } else {
        runs = new int[counts.size()];
        for (int i = 0; i < runs.length; i++) {
          runs[i] = counts.get(i).asInt();
        }
      }
      return new Segmentation.RleMask(new Rle(h, w, runs));
    } catch (IllegalArgumentException e) {
      throw new DataException(at + ": bad segmentation: " + e.getMessage(), e);
    }
  }

  private static long requiredLong(String file, String kind, JsonNode node, String field, Object id) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToLong() || !v.isNumber()) {
      throw new DataException(file + ": " + kind + " " + describe(id) + " has no numeric \"" + field + "\"");
    }
    return v.asLong();
  }

  private static int requiredInt(String file, String kind, JsonNode node, String field, Object id) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || !v.canConvertToInt()) {
      throw new DataException(file + ": " + kind + " " + describe(id) + " has no integer \"" + field + "\"");
    }
    return v.asInt();
  }

  private static String requiredText(String file, String kind, JsonNode node, String field, Object id) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new DataException(file + ": " + kind + " " + describe(id) + " has no text \"" + field + "\"");
    }
    return v.asText();
  }

  private static String describe(Object id) {
    if (id instanceof JsonNode n) {
      String text = n.toString();
      return "entry " + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
    }
    return String.valueOf(id);
  }

  /** The three arrays of the file, element by element. */
  private record Raw(List<JsonNode> images, List<JsonNode> annotations, List<JsonNode> categories) {}

  private static Raw parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": annotation file is missing");
    }
    Map<String, List<JsonNode>> arrays = new LinkedHashMap<>();
    arrays.put("images", new ArrayList<>());
    arrays.put("annotations", new ArrayList<>());
    arrays.put("categories", new ArrayList<>());
    try (JsonParser p = JSON.getFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DataException(file + ": not a COCO annotation file (expected a JSON object)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        List<JsonNode> target = arrays.get(name);
        if (target == null) {
          p.skipChildren();
          continue;
        }
        if (t != JsonToken.START_ARRAY) {
          throw new DataException(file + ": \"" + name + "\" must be an array");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) {
            throw new DataException(file + ": truncated JSON inside \"" + name + "\"");
          }
          JsonNode element = JSON.readTree(p);
          if (element == null || !element.isObject()) {
            throw new DataException(file + ": \"" + name + "\" holds a non-object entry: " + element);
          }
          target.add(element);
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new DataException(file + ": truncated JSON (the top-level object does not close)");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new DataException(file + ": malformed or truncated JSON" + (at == null ? "" : " at line "
          + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DataException(file + ": cannot read: " + e.getMessage(), e);
    }
    for (String required : List.of("images", "categories")) {
      if (arrays.get(required).isEmpty()) {
        throw new DataException(file + ": no \"" + required + "\" (not a COCO instances or keypoints file?)");
      }
    }
    return new Raw(arrays.get("images"), arrays.get("annotations"), arrays.get("categories"));
  }
}
