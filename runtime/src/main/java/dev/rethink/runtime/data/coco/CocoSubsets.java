package dev.rethink.runtime.data.coco;

import dev.rethink.dsl.data.CocoSubset;
import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.ImageRecord;
import dev.rethink.runtime.data.pipeline.EpochOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The paper's random training subsets: the training images sorted by id are shuffled by a Fisher–Yates
 * permutation drawn from {@code SplittableRandom(seed)} (an algorithm fixed by the Java specification, so every
 * machine draws the same), and the first {@code N} are kept, in id order. The subset is drawn from all images of
 * the annotation file, before images without usable annotations are dropped.
 */
public final class CocoSubsets {
  private CocoSubsets() {}

  /** The subset of {@code set}'s images that {@code subset} names. */
  public static DetectionSet apply(DetectionSet set, CocoSubset subset) {
    List<ImageRecord> byId = new ArrayList<>(set.images());
    byId.sort(Comparator.comparingLong(ImageRecord::id));
    if (subset.images() > byId.size()) {
      throw new DataException(set.source() + ": a subset of " + subset.images() + " images was asked for, the set"
          + " has " + byId.size());
    }
    int[] perm = EpochOrder.shuffled(byId.size(), new SplittableRandom(subset.seed()));
    int[] chosen = Arrays.copyOf(perm, subset.images());
    Arrays.sort(chosen);
    List<ImageRecord> kept = new ArrayList<>(chosen.length);
    for (int i : chosen) {
      kept.add(byId.get(i));
    }
    return set.withImages(kept, Map.of());
  }

  /** The identity of a set's images, as recorded with a run. */
  public static SubsetIdentity identity(DetectionSet subset, long seed) {
    String ids = subset.images().stream().map(ImageRecord::id).sorted().map(String::valueOf)
        .collect(Collectors.joining(","));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(ids.getBytes(StandardCharsets.US_ASCII));
      return new SubsetIdentity(seed, subset.images().size(), HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
