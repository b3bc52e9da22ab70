package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    String[] line = new String[args.length + 1];
    line[0] = "eval";
    System.arraycopy(args, 0, line, 1, args.length);
    return Rethink.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /*
   * Three large (area 10000) ground truths, detections TP (.9), FP (.8), TP (.7): AP = 56/101 at every threshold,
   * AR1 = 1/3, AR10 = AR100 = 2/3, small/medium -1 (worked out in CocoEvalTest).
   */
  private Path[] boxCase() throws IOException {
    Path gt = dir.resolve("gt.json");
    Files.writeString(gt, """
        {"images": [{"id": 42, "width": 640, "height": 480}],
         "categories": [{"id": 18, "name": "dog"}],
         "annotations": [
           {"id": 1, "image_id": 42, "category_id": 18, "bbox": [0, 0, 100, 100], "area": 10000, "iscrowd": 0},
           {"id": 2, "image_id": 42, "category_id": 18, "bbox": [200, 0, 100, 100], "area": 10000, "iscrowd": 0},
           {"id": 3, "image_id": 42, "category_id": 18, "bbox": [400, 0, 100, 100], "area": 10000, "iscrowd": 0}]}
        """);
    Path res = dir.resolve("res.json");
    Files.writeString(res, """
        [{"image_id": 42, "category_id": 18, "bbox": [0, 0, 100, 100], "score": 0.9},
         {"image_id": 42, "category_id": 18, "bbox": [0, 300, 100, 100], "score": 0.8},
         {"image_id": 42, "category_id": 18, "bbox": [200, 0, 100, 100], "score": 0.7}]
        """);
    return new Path[] {gt, res};
  }

  @Test
  void printsTheStandardSummary() throws IOException {
    Path[] files = boxCase();
    assertEquals(0, run("--gt", files[0].toString(), "--results", files[1].toString(), "--iou-type", "bbox"),
        err());
    List<String> lines = out().lines().toList();
    assertEquals(12, lines.size());
    assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.554", lines.get(0));
    assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000", lines.get(3));
    assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.333", lines.get(6));
    assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.667", lines.get(11));
  }

  @Test
  void printsJsonAtFullPrecision() throws IOException {
    Path[] files = boxCase();
    assertEquals(0, run("--gt", files[0].toString(), "--results", files[1].toString(), "--iou-type", "bbox",
        "--json"), err());
    JsonNode json = new ObjectMapper().readTree(out());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"),
        keys);
    assertEquals(56.0 / 101, json.get("AP").doubleValue(), 1e-12);
    assertEquals(-1, json.get("APs").doubleValue(), 0);
    assertEquals(1.0 / 3, json.get("AR1").doubleValue(), 1e-12);
    assertEquals(2.0 / 3, json.get("ARl").doubleValue(), 1e-12);
  }

  /* One person, nose 4 px off: OKS 0.744 (see CocoEvalTest) -> AP 0.5; keypoint keys. */
  @Test
  void keypointJsonHasTenKeys() throws IOException {
    Path gt = dir.resolve("kp.json");
    StringBuilder kp = new StringBuilder("150, 120, 2");
    StringBuilder dt = new StringBuilder("154, 120, 1");
    for (int j = 1; j < 17; j++) {
      kp.append(", 0, 0, 0");
      dt.append(", ").append(110 + j).append(", 190, 1");
    }
    Files.writeString(gt, "{\"images\": [{\"id\": 1, \"width\": 640, \"height\": 480}], \"categories\": [{\"id\": 1,"
        + " \"name\": \"person\"}], \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": "
        + "[100, 100, 100, 100], \"area\": 10000, \"iscrowd\": 0, \"num_keypoints\": 1, \"keypoints\": [" + kp
        + "]}]}");
    Path res = dir.resolve("kpres.json");
    Files.writeString(res, "[{\"image_id\": 1, \"category_id\": 1, \"keypoints\": [" + dt + "], \"score\": 0.9}]");
    assertEquals(0, run("--gt", gt.toString(), "--results", res.toString(), "--iou-type", "keypoints", "--json"),
        err());
    JsonNode json = new ObjectMapper().readTree(out());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("AP", "AP50", "AP75", "APm", "APl", "AR", "AR50", "AR75", "ARm", "ARl"), keys);
    assertEquals(0.5, json.get("AP").doubleValue(), 1e-12);
  }

  /** Box-evaluable ground truth whose second object's polygon has two points (too few for a mask). */
  private Path degeneratePolygonCase() throws IOException {
    return Files.writeString(dir.resolve("gt-polygon.json"), """
        {"images": [{"id": 1, "width": 100, "height": 80}, {"id": 2, "width": 100, "height": 80}],
         "categories": [{"id": 1, "name": "thing"}],
         "annotations": [
           {"id": 10, "image_id": 1, "category_id": 1, "bbox": [10, 10, 30, 20], "area": 600, "iscrowd": 0,
            "segmentation": [[10, 10, 40, 10, 40, 30, 10, 30]]},
           {"id": 11, "image_id": 2, "category_id": 1, "bbox": [5, 5, 20, 20], "area": 400, "iscrowd": 0,
            "segmentation": [[5, 5, 25, 25]]}]}
        """);
  }

  @Test
  void aDegeneratePolygonBlocksOnlyTheMaskEvaluation() throws IOException {
    Path gt = degeneratePolygonCase();
    Path res = Files.writeString(dir.resolve("res-boxes.json"), """
        [{"image_id": 1, "category_id": 1, "bbox": [10, 10, 30, 20], "score": 0.9},
         {"image_id": 2, "category_id": 1, "bbox": [5, 5, 20, 20], "score": 0.8}]
        """);
    assertEquals(0, run("--gt", gt.toString(), "--results", res.toString(), "--iou-type", "bbox"), err());
    assertTrue(out().startsWith(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 1.000"),
        out());
    assertEquals(2, run("--gt", gt.toString(), "--results", res.toString(), "--iou-type", "segm"));
    assertEquals("rethink eval: " + gt + ": annotations[1] (id 11).segmentation[0]: a polygon needs an even number"
        + " of coordinates, at least 6 for the first part; has 4 (segm evaluation needs every object's mask)\n", err());
  }

  @Test
  void aNanScoreNamesTheFileTheEntryAndTheRule() throws IOException {
    Path[] files = boxCase();
    Path res = Files.writeString(dir.resolve("res-nan.json"), """
        [{"image_id": 42, "category_id": 18, "bbox": [0, 0, 100, 100], "score": 0.9},
         {"image_id": 42, "category_id": 18, "bbox": [0, 300, 100, 100], "score": NaN}]
        """);
    assertEquals(2, run("--gt", files[0].toString(), "--results", res.toString(), "--iou-type", "bbox"));
    assertEquals("rethink eval: " + res + ": results[1] (image_id 42).score must be a finite number, found NaN"
        + " (scores rank the detections; a non-finite one usually comes from a model that diverged)\n", err());
  }

  @Test
  void helpPrintsUsage() {
    assertEquals(0, run("--help"));
    assertTrue(out().contains("rethink eval --gt ANNOTATIONS.json --results RESULTS.json"), out());
    assertTrue(out().contains("--iou-type"), out());
  }

  @Test
  void badInputExitsWithTwoAndAMessage() throws IOException {
    Path[] files = boxCase();
    assertEquals(2, run("--gt", files[0].toString(), "--iou-type", "bbox"));
    assertTrue(err().contains("missing --results"), err());

    assertEquals(2, run("--gt", files[0].toString(), "--results", files[1].toString(), "--iou-type", "mask"));
    assertTrue(err().contains("--iou-type must be bbox, segm or keypoints"), err());

    assertEquals(2, run("--gt", dir.resolve("nope.json").toString(), "--results", files[1].toString(),
        "--iou-type", "bbox"));
    assertTrue(err().contains("nope.json: no such file"), err());

    Path notList = dir.resolve("obj.json");
    Files.writeString(notList, "{\"image_id\": 42}");
    assertEquals(2, run("--gt", files[0].toString(), "--results", notList.toString(), "--iou-type", "bbox"));
    assertTrue(err().contains("obj.json: a results file is a JSON list"), err());

    Path unknown = dir.resolve("unknown.json");
    Files.writeString(unknown, "[{\"image_id\": 42, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}]");
    assertEquals(2, run("--gt", files[0].toString(), "--results", unknown.toString(), "--iou-type", "bbox"));
    assertTrue(err().contains("results[0] (image_id 42): category_id 1 is not among"), err());

    assertEquals(2, run("--gt", files[0].toString(), "--results", files[1].toString(), "--iou-type", "segm"));
    assertTrue(err().contains("annotations[0] (id 1): no segmentation"), err());

    assertEquals(2, run("--bogus"));
    assertTrue(err().contains("Unrecognized option"), err());
  }
}
