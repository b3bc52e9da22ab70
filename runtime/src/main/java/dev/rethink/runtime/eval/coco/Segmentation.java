package dev.rethink.runtime.eval.coco;

import dev.rethink.runtime.mask.Polygons;
import dev.rethink.runtime.mask.Rle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A COCO {@code segmentation}: polygons in pixel coordinates, or a run-length-encoded mask. */
public sealed interface Segmentation {

  /** The mask on an image of the given size, as pycocotools' {@code COCO.annToRLE}. */
  Rle toRle(int height, int width);

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
