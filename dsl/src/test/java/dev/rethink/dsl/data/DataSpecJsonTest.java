package dev.rethink.dsl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSpecJsonTest {

  @Test
  void everyDatasetRoundTrips() {
    for (DatasetSpec d : List.of(ImageFolder.imagenet(),
        new SyntheticClassification(SyntheticClassification.Task.SOURCE, 10, 160, 40, 32, 1),
        Coco.instances2017("coco"), Coco.instances2017("coco").withSubset(new CocoSubset(CocoSubset.PAPER_1K, 3)),
        Coco.personKeypoints2017("/data/coco"), SyntheticCoco.instances(200, 50, 128, 7),
        SyntheticCoco.personKeypoints(100, 20, 96, 8).withSubset(new CocoSubset(10, 2)),
        Voc.paper("VOCdevkit"), new SyntheticVoc(60, 20, 128, 9))) {
      String json = Json.write(d);
      DatasetSpec back = Json.read(json, DatasetSpec.class);
      assertEquals(d, back, json);
      assertEquals(json, Json.write(back));
    }
  }

  @Test
  void everyInputRoundTrips() {
    for (InputSpec i : List.of(new ClassificationInput(224, true, true), DetectionInput.detectron(),
        DetectionInput.scaleAugmented(), DetectionInput.fixed(128, 224).withHorizontalFlip(false))) {
      assertEquals(i, Json.read(Json.write(i), InputSpec.class));
    }
  }

  @Test
  void jsonNamesTheTypeAndOmitsAnAbsentSubset() {
    String coco = Json.write(Coco.instances2017("coco")).replaceAll("\\s", "");
    assertTrue(coco.startsWith("{\"type\":\"Coco\""), coco);
    assertFalse(coco.contains("subset"), coco);
    String subset = Json.write(Coco.instances2017("coco").withSubset(new CocoSubset(1000, 5))).replaceAll("\\s", "");
    assertTrue(subset.contains("\"subset\":{\"images\":1000,\"seed\":5}"), subset);
    String input = Json.write(DetectionInput.detectron()).replaceAll("\\s", "");
    assertEquals("{\"type\":\"DetectionInput\",\"minShortSide\":800,\"maxShortSide\":800,\"testShortSide\":800,"
        + "\"maxSize\":1333,\"horizontalFlip\":true,\"sizeDivisibility\":32}", input);
  }

  @Test
  void paperConstants() {
    DetectionInput aug = DetectionInput.scaleAugmented();
    assertEquals(640, aug.minShortSide());
    assertEquals(800, aug.maxShortSide());
    assertEquals(800, aug.testShortSide());
    assertEquals(1333, aug.maxSize());
    Voc voc = Voc.paper("VOCdevkit");
    assertEquals(20, voc.knownClasses().getAsInt());
    assertEquals(List.of("VOC2007/trainval", "VOC2012/train"), voc.trainSets());
    assertEquals(10, SyntheticCoco.instances(10, 5, 64, 0).knownClasses().getAsInt());
    assertEquals(1, SyntheticCoco.personKeypoints(10, 5, 64, 0).knownClasses().getAsInt());
  }

  @Test
  void invalidValuesNameTheField() {
    SpecException range = assertThrows(SpecException.class, () -> DetectionInput.detectron().withShortSideRange(800,
        640));
    assertEquals("maxShortSide", range.field());
    SpecException subset = assertThrows(SpecException.class,
        () -> SyntheticCoco.instances(10, 5, 64, 0).withSubset(new CocoSubset(20, 0)));
    assertEquals("subset.images", subset.field());
    SpecException set = assertThrows(SpecException.class,
        () -> new Voc("VOCdevkit", List.of("trainval"), "VOC2012/val", Voc.PASCAL_CLASSES));
    assertEquals("trainSets", set.field());
    SpecException json = assertThrows(SpecException.class,
        () -> Json.read("{\"type\":\"Coco\",\"root\":\"c\",\"trainAnnotations\":\"a.json\",\"trainImages\":\"t\","
            + "\"evalAnnotations\":\"b.json\",\"evalImages\":\"v\",\"subset\":{\"images\":0,\"seed\":1}}",
            DatasetSpec.class));
    assertEquals("subset.images", json.field());
  }
}
