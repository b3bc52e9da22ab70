package dev.rethink.runtime.data.detection;

import dev.rethink.runtime.mask.Polygons;
import dev.rethink.runtime.mask.Rle;
import java.util.List;

/** An instance mask as stored in the annotations: COCO polygons or a run-length encoding. */
public sealed interface Segmentation {

  /** The mask over the whole image, as pycocotools' {@code annToRLE}. */
  Rle toRle(int height, int width);

  /** Polygons {@code [x0, y0, x1, y1, ...]} in pixel coordinates, each of at least 3 points; their union. */
  record PolygonMask(List<double[]> polygons) implements Segmentation {
    public PolygonMask {
      polygons = List.copyOf(polygons);
    }

    @Override
    public Rle toRle(int height, int width) {
      return Polygons.rasterizeAll(polygons, height, width);
    }
  }

  /** A run-length encoding (from either COCO form: compressed string or uncompressed counts). */
  record RleMask(Rle rle) implements Segmentation {
    @Override
    public Rle toRle(int height, int width) {
      if (rle.height() != height || rle.width() != width) {
        throw new IllegalArgumentException("RLE is " + rle.height() + "x" + rle.width() + ", image is " + height
            + "x" + width);
      }
      return rle;
    }
  }
}
