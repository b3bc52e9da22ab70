package dev.rethink.runtime.data.synthetic;

import dev.rethink.runtime.mask.Polygons;
import dev.rethink.runtime.mask.Rle;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Pixel footprints of synthetic objects, defined by COCO's own polygon rasterization (pycocotools
 * {@code frPyObjects}, via {@link Polygons}): a shape is flattened into polygons with coordinates rounded to
 * 1/100 pixel (what the JSON stores), and its footprint is the even-odd combination of their rasterizations (so
 * a ring's hole stays empty). Drawing paints exactly the footprint, so annotation masks are exactly the pixels
 * drawn.
 */
final class Footprint {
  /** Largest distance between a curve and its flattened polygon, in pixels. */
  static final double FLATNESS = 0.2;

  private Footprint() {}

  /** Closed polygons {@code [x0, y0, x1, y1, ...]} of a shape's outline, coordinates rounded to 0.01. */
  static List<double[]> polygons(Shape shape) {
    List<double[]> out = new ArrayList<>();
    List<Double> current = new ArrayList<>();
    double[] c = new double[6];
    for (PathIterator it = shape.getPathIterator(null, FLATNESS); !it.isDone(); it.next()) {
      int type = it.currentSegment(c);
      if (type == PathIterator.SEG_MOVETO) {
        flush(current, out);
        current.clear();
      }
      if (type == PathIterator.SEG_MOVETO || type == PathIterator.SEG_LINETO) {
        current.add(Math.round(c[0] * 100) / 100.0);
        current.add(Math.round(c[1] * 100) / 100.0);
      }
      if (type == PathIterator.SEG_CLOSE) {
        flush(current, out);
        current.clear();
      }
    }
    flush(current, out);
    return out;
  }

  private static void flush(List<Double> xy, List<double[]> out) {
    if (xy.size() >= 6) {
      double[] p = new double[xy.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = xy.get(i);
      }
      out.add(p);
    }
  }

  /** The footprint of polygons, row-major: a pixel is set when an odd number of them cover it. */
  static boolean[] rasterize(List<double[]> polygons, int width, int height) {
    boolean[] out = new boolean[width * height];
    for (double[] p : polygons) {
      boolean[] part = Polygons.rasterize(p, height, width).decodeRowMajor();
      for (int i = 0; i < out.length; i++) {
        out[i] ^= part[i];
      }
    }
    return out;
  }

  /** Row-major mask as an RLE. */
  static Rle rle(boolean[] rowMajor, int width, int height) {
    return Rle.encodeRowMajor(rowMajor, height, width);
  }

  static int area(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Tight box {@code [x0, y0, x1, y1]} of the set pixels (pixel edges), or null when empty. */
  static int[] box(boolean[] mask, int width, int height) {
    int x0 = width;
    int y0 = height;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (mask[y * width + x]) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
  }
}
