package dev.rethink.runtime.eval.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.mask.Rle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoJsonTest {
  /** Image 1 is 3 x 3 (height 3, width 3), image 2 is 4 x 5 (height 4, width 5). Categories 3 and 1. */
  private static final String GT = """
      {"info": {"year": 2017}, "licenses": [],
       "images": [{"id": 1, "width": 3, "height": 3, "file_name": "a.jpg"}, {"id": 2, "width": 5, "height": 4}],
       "categories": [{"id": 3, "name": "dog"}, {"id": 1, "name": "person", "keypoints": []}],
       "annotations": [
         {"id": 10, "image_id": 1, "category_id": 1, "bbox": [1, 0, 2, 2], "area": 3, "iscrowd": 0,
          "segmentation": {"size": [3, 3], "counts": "322OO"}},
         {"id": 11, "image_id": 2, "category_id": 3, "bbox": [1, 1, 3, 2], "area": 6,
          "segmentation": [[1, 1, 1, 3, 4, 3, 4, 1]]},
         {"id": 12, "image_id": 2, "category_id": 3, "bbox": [0, 0, 5, 4], "area": 20, "iscrowd": 1,
          "segmentation": {"size": [4, 5], "counts": [0, 20]}},
         {"id": 13, "image_id": 2, "category_id": 1, "bbox": [0, 0, 2, 2], "area": 4, "iscrowd": true,
          "keypoints": [1, 1, 2, 0, 0, 0], "num_keypoints": 1}
       ]}
      """;

  private static CocoGroundTruth gt() throws IOException {
    return CocoJson.readGroundTruth(stream(GT), "gt.json");
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String gtError(String json) {
    return assertThrows(CocoFormatException.class, () -> CocoJson.readGroundTruth(stream(json), "gt.json"))
        .getMessage();
  }

  private static String resultsError(String json) throws IOException {
    CocoGroundTruth gt = gt();
    return assertThrows(CocoFormatException.class, () -> CocoJson.readResults(stream(json), "res.json", gt))
        .getMessage();
  }

  @Test
  void readsEveryAnnotationForm() throws IOException {
    CocoGroundTruth gt = gt();
    assertEquals(2, gt.images().size());
    assertEquals(List.of(1, 3), gt.categories().stream().map(CocoCategory::id).toList());
    assertEquals(3, gt.categoryId(1));
    assertEquals(0, gt.categoryIndex(1));
    List<CocoAnnotation> a = gt.annotations();
    // "322OO" is the 3x3 mask of runs [3, 2, 2, 1, 1] (see RleTest).
    assertArrayEquals(new int[] {3, 2, 2, 1, 1}, a.get(0).segmentation().toRle(3, 3).counts());
    assertEquals(new Box(1, 0, 2, 2), a.get(0).bbox());
    // The polygon rectangle (1,1)-(4,3) covers columns 1..3, rows 1..2: 6 pixels.
    assertEquals(6, a.get(1).segmentation().toRle(4, 5).area());
    assertTrue(!a.get(1).crowd());
    assertEquals(20, a.get(2).segmentation().toRle(4, 5).area());
    assertTrue(a.get(2).crowd());
    assertTrue(a.get(3).crowd());
    assertEquals(1, a.get(3).numKeypoints());
    assertEquals(2, a.get(3).keypoints().count());
    assertNull(a.get(3).segmentation());
  }

  @Test
  void groundTruthErrorsNameTheEntry() {
    assertTrue(gtError("[]").contains("JSON object"));
    assertTrue(gtError("{\"images\": [], \"annotations\": []}").contains("no categories"));
    String missingArea = gtError("{\"images\": [{\"id\": 1, \"width\": 2, \"height\": 2}], \"categories\": "
        + "[{\"id\": 1}], \"annotations\": [{\"id\": 5, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1,1]}]}");
    assertTrue(missingArea.contains("gt.json: annotations[0] (id 5): missing area"), missingArea);
    String unknownImage = gtError("{\"images\": [{\"id\": 1, \"width\": 2, \"height\": 2}], \"categories\": "
        + "[{\"id\": 1}], \"annotations\": [{\"id\": 5, \"image_id\": 9, \"category_id\": 1, \"bbox\": [0,0,1,1], "
        + "\"area\": 1}]}");
    assertTrue(unknownImage.contains("annotations[0] (id 5): image_id 9 is not among the images"), unknownImage);
    String duplicate = gtError("{\"images\": [{\"id\": 1, \"width\": 2, \"height\": 2}, {\"id\": 1, \"width\": 2, "
        + "\"height\": 2}], \"categories\": [], \"annotations\": []}");
    assertTrue(duplicate.contains("images[1]: duplicate image id 1"), duplicate);
    String syntax = gtError("{\"images\": [");
    assertTrue(syntax.contains("gt.json") && syntax.contains("line"), syntax);
  }

  @Test
  void aMalformedSegmentationIsKeptForTheMaskEvaluationToReport() throws IOException {
    CocoGroundTruth gt = CocoJson.readGroundTruth(stream("{\"images\": [{\"id\": 1, \"width\": 2, \"height\": 2}],"
        + " \"categories\": [{\"id\": 1}], \"annotations\": [{\"id\": 5, \"image_id\": 1, \"category_id\": 1,"
        + " \"bbox\": [0,0,1,1], \"area\": 1, \"segmentation\": {\"size\": [2, 2], \"counts\": [1, 2]}},"
        + " {\"id\": 6, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1,1], \"area\": 1,"
        + " \"segmentation\": [[0, 0, 1, 1]]}]}"), "gt.json");
    String rle = gt.annotations().get(0).segmentation().defect().orElseThrow();
    assertTrue(rle.startsWith("gt.json: annotations[0] (id 5).segmentation: malformed RLE: RLE counts sum to 3"), rle);
    assertEquals("gt.json: annotations[1] (id 6).segmentation[0]: a polygon needs an even number of coordinates,"
        + " at least 6 for the first part; has 4", gt.annotations().get(1).segmentation().defect().orElseThrow());
  }

  @Test
  void nonFiniteNumbersNameTheEntryNotTheParser() throws IOException {
    String nan = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1,1], \"score\": 0.5},"
        + " {\"image_id\": 2, \"category_id\": 3, \"bbox\": [0,0,1,1], \"score\": NaN}]");
    assertEquals("res.json: results[1] (image_id 2).score must be a finite number, found NaN (scores rank the"
        + " detections; a non-finite one usually comes from a model that diverged)", nan);
    String infinity = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,-Infinity,1],"
        + " \"score\": 0.5}]");
    assertEquals("res.json: results[0] (image_id 1).bbox[2] must be a finite number, found -Infinity", infinity);
    String comment = resultsError("[{\"image_id\": 1, // a comment\n \"category_id\": 1}]");
    assertTrue(comment.startsWith("res.json: malformed JSON: Unexpected character ('/' (code 47))"), comment);
    assertTrue(comment.endsWith(" at line 1, column 18"), comment);
    assertTrue(!comment.contains("Feature") && !comment.contains("enable"), comment);
  }

  @Test
  void resultErrorsNameTheEntry() throws IOException {
    assertTrue(resultsError("{\"image_id\": 1}").contains("res.json: a results file is a JSON list"));
    String image = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1,1], \"score\": 0.5},"
        + " {\"image_id\": 99, \"category_id\": 1, \"bbox\": [0,0,1,1], \"score\": 0.5}]");
    assertTrue(image.contains("results[1] (image_id 99): image_id 99 is not in the ground truth"), image);
    String category = resultsError("[{\"image_id\": 1, \"category_id\": 7, \"bbox\": [0,0,1,1], \"score\": 0.5}]");
    assertTrue(category.contains("results[0] (image_id 1): category_id 7 is not among the ground truth's "
        + "categories [1, 3]"), category);
    String shortBox = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1], \"score\": 0.5}]");
    assertTrue(shortBox.contains("results[0] (image_id 1).bbox must be [x, y, w, h], has 3 numbers"), shortBox);
    String negative = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,-1,1], \"score\": 0.5}]");
    assertTrue(negative.contains("results[0] (image_id 1).bbox") && negative.contains("non-negative"), negative);
    String noScore = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1,1]}]");
    assertTrue(noScore.contains("results[0] (image_id 1): missing score"), noScore);
    String badString = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.5, "
        + "\"segmentation\": {\"size\": [3, 3], \"counts\": \"32~OO\"}}]");
    assertTrue(badString.contains("results[0] (image_id 1).segmentation: malformed RLE: compressed RLE has "
        + "character '~' at position 2"), badString);
    String size = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.5, "
        + "\"segmentation\": {\"size\": [4, 5], \"counts\": [0, 20]}}]");
    assertTrue(size.contains("RLE size [4, 5] is not image 1's"), size);
    String mixed = resultsError("[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.5, "
        + "\"segmentation\": {\"size\": [3, 3], \"counts\": \"322OO\"}},"
        + " {\"image_id\": 1, \"category_id\": 1, \"score\": 0.5, \"bbox\": [0, 0, 1, 1]}]");
    assertTrue(mixed.contains("results[1] (image_id 1): missing segmentation"), mixed);
    assertTrue(resultsError("[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.5}]").contains("none of bbox"));
    assertTrue(resultsError("[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1,1], \"score\": \"high\"}]")
        .contains("score must be a number"));
  }

  /*
   * loadRes: a first entry with a bbox makes a box file — area w * h even where a mask is given (here a 2 x 3 box,
   * area 6, with a 3-pixel mask); a first entry with only a mask makes a mask file — area 3, box = the mask's
   * tight box [1, 0, 2, 2]; keypoint files take the keypoints' extent: x 1..4, y 2..7 -> box [1, 2, 3, 5], area 15.
   */
  @Test
  void theFirstResultDecidesTheKind() throws IOException {
    CocoGroundTruth gt = gt();
    List<CocoDetection> box = CocoJson.readResults(stream("[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.5, "
        + "\"bbox\": [0, 0, 2, 3], \"segmentation\": {\"size\": [3, 3], \"counts\": \"322OO\"}}]"), "r", gt);
    assertEquals(6, box.get(0).area(), 0);
    List<CocoDetection> mask = CocoJson.readResults(stream("[{\"image_id\": 1, \"category_id\": 1, \"score\": 0.5, "
        + "\"segmentation\": {\"size\": [3, 3], \"counts\": \"322OO\"}}]"), "r", gt);
    assertEquals(3, mask.get(0).area(), 0);
    assertEquals(new Box(1, 0, 2, 2), mask.get(0).bbox());
    List<CocoDetection> kp = CocoJson.readResults(stream("[{\"image_id\": 2, \"category_id\": 1, \"score\": 0.5, "
        + "\"keypoints\": [1, 7, 1, 4, 2, 1]}]"), "r", gt);
    assertEquals(new Box(1, 2, 3, 5), kp.get(0).bbox());
    assertEquals(15, kp.get(0).area(), 0);
    assertEquals(List.of(), CocoJson.readResults(stream("[]"), "r", gt));
  }

  /*
   * Results files as Detectron writes them: one kind per file, dataset category ids. The 3x3 mask [3, 2, 2, 1, 1]
   * is written as {"size": [3, 3], "counts": "322OO"} and no bbox.
   */
  @Test
  void writesResultsFiles() throws IOException {
    CocoGroundTruth gt = gt();
    Rle mask = new Rle(3, 3, new int[] {3, 2, 2, 1, 1});
    List<CocoDetection> dets = List.of(CocoDetection.mask(1, gt.categoryId(0), 0.75, mask),
        CocoDetection.box(2, gt.categoryId(1), 0.25, new Box(0.5, 1, 2, 3)));
    ObjectMapper mapper = new ObjectMapper();

    ByteArrayOutputStream segm = new ByteArrayOutputStream();
    CocoJson.writeResults(segm, dets.subList(0, 1), IouType.SEGM);
    assertEquals(mapper.readTree("[{\"image_id\": 1, \"category_id\": 1, \"segmentation\": "
        + "{\"size\": [3, 3], \"counts\": \"322OO\"}, \"score\": 0.75}]"), mapper.readTree(segm.toByteArray()));

    ByteArrayOutputStream bbox = new ByteArrayOutputStream();
    CocoJson.writeResults(bbox, dets, IouType.BBOX);
    JsonNode written = mapper.readTree(bbox.toByteArray());
    assertEquals(mapper.readTree("{\"image_id\": 2, \"category_id\": 3, \"bbox\": [0.5, 1.0, 2.0, 3.0], "
        + "\"score\": 0.25}"), written.get(1));
    List<CocoDetection> back = CocoJson.readResults(new ByteArrayInputStream(bbox.toByteArray()), "r", gt);
    assertEquals(dets.get(1), back.get(1));
    assertThrows(IllegalArgumentException.class,
        () -> CocoJson.writeResults(new ByteArrayOutputStream(), dets.subList(1, 2), IouType.SEGM));
  }
}
