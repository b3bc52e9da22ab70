package dev.rethink.runtime.eval.coco;

import dev.rethink.runtime.mask.Polygons;
import dev.rethink.runtime.mask.Rle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A COCO {@code segmentation}: polygons in pixel coordinates, a run-length-encoded mask, or one that breaks the
 * format — kept as {@link Malformed} rather than refused when read, since only a mask evaluation uses it: a box or
 * keypoint evaluation of the same file must not fail on it.
 */
public sealed interface Segmentation {

  /** The mask on an image of the given size, as pycocotools' {@code COCO.annToRLE}. */
  Rle toRle(int height, int width);

  /** What is wrong with it, naming the file, entry and rule; empty for a usable segmentation. */
  default Optional<String> defect() {
    return Optional.empty();
  }

  /**
   * A segmentation that breaks the format, e.g. a first polygon of two points.
   *
   * @param problem the file, the entry (index and id), the field and the rule it breaks
   */
  record Malformed(String problem) implements Segmentation {
    @Override
    public Rle toRle(int height, int width) {
      throw new CocoFormatException(problem);
    }

    @Override
    public Optional<String> defect() {
      return Optional.of(problem);
    }
  }

  /** One object as one or more polygons {@code [x0, y0, x1, y1, ...]}; rasterized and united on use. */
  record PolygonParts(List<double[]> parts) implements Segmentation {
    public PolygonParts {
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("polygon segmentation has no polygon");
      }
      List<double[]> copy = new ArrayList<>(parts.size());
      for (double[] p : parts) {
        copy.add(p.clone());
      }
      parts = List.copyOf(copy);
    }

    @Override
    public Rle toRle(int height, int width) {
      return Polygons.rasterizeAll(parts, height, width);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PolygonParts p && Arrays.deepEquals(parts.toArray(), p.parts.toArray());
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(parts.toArray());
    }

    @Override
    public String toString() {
      return "PolygonParts" + Arrays.deepToString(parts.toArray());
    }
  }

  /** A run-length-encoded mask (compressed or uncompressed in JSON); its size must be the image's. */
  record Mask(Rle rle) implements Segmentation {
    @Override
    public Rle toRle(int height, int width) {
      if (rle.height() != height || rle.width() != width) {
        throw new IllegalArgumentException("RLE size [" + rle.height() + ", " + rle.width()
            + "] differs from its image's [" + height + ", " + width + "]");
      }
      return rle;
    }
  }
}
