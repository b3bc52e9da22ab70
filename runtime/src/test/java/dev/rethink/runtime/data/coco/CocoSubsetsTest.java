package dev.rethink.runtime.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.data.CocoSubset;
import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.ImageRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CocoSubsetsTest {

  /** 50 images with scattered ids, listed out of order. */
  private static DetectionSet set() {
    List<ImageRecord> images = new ArrayList<>();
    for (int i = 49; i >= 0; i--) {
      images.add(new ImageRecord(1000L + 37L * i, "x", Path.of("x"), 1, 1, List.of()));
    }
    return new DetectionSet("test", List.of("a"), List.of(1L), null, images, Map.of());
  }

  private static List<Long> ids(DetectionSet s) {
    return s.images().stream().map(ImageRecord::id).toList();
  }

  @Test
  void aSeededSubsetIsStableSortedAndSeedDependent() {
    List<Long> a = ids(CocoSubsets.apply(set(), new CocoSubset(10, 7)));
    assertEquals(10, a.size());
    assertEquals(a, ids(CocoSubsets.apply(set(), new CocoSubset(10, 7))), "same seed, same subset");
    assertEquals(a.stream().sorted().toList(), a, "kept in id order");
    assertEquals(10, a.stream().distinct().count());
    assertTrue(ids(set()).containsAll(a));
    assertNotEquals(a, ids(CocoSubsets.apply(set(), new CocoSubset(10, 8))), "another seed, another subset");
    assertEquals(50, ids(CocoSubsets.apply(set(), new CocoSubset(50, 1))).size());
    assertThrows(DataException.class, () -> CocoSubsets.apply(set(), new CocoSubset(51, 1)));
  }

  @Test
  void identityHashesTheSortedIdsAsWritten() throws Exception {
    DetectionSet subset = CocoSubsets.apply(set(), new CocoSubset(3, 2));
    SubsetIdentity id = CocoSubsets.identity(subset, 2);
    List<Long> ids = ids(subset);
    String text = ids.get(0) + "," + ids.get(1) + "," + ids.get(2);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(new SubsetIdentity(2, 3, expected), id);
  }
}
