package dev.rethink.runtime.data.synthetic;

import static dev.rethink.runtime.data.synthetic.Primitive.ARROW;
import static dev.rethink.runtime.data.synthetic.Primitive.CIRCLE;
import static dev.rethink.runtime.data.synthetic.Primitive.CRESCENT;
import static dev.rethink.runtime.data.synthetic.Primitive.CROSS;
import static dev.rethink.runtime.data.synthetic.Primitive.DIAMOND;
import static dev.rethink.runtime.data.synthetic.Primitive.ELL;
import static dev.rethink.runtime.data.synthetic.Primitive.FRAME;
import static dev.rethink.runtime.data.synthetic.Primitive.HEART;
import static dev.rethink.runtime.data.synthetic.Primitive.HEXAGON;
import static dev.rethink.runtime.data.synthetic.Primitive.PENTAGON;
import static dev.rethink.runtime.data.synthetic.Primitive.RING;
import static dev.rethink.runtime.data.synthetic.Primitive.SQUARE;
import static dev.rethink.runtime.data.synthetic.Primitive.STAR;
import static dev.rethink.runtime.data.synthetic.Primitive.TRIANGLE;

import dev.rethink.dsl.data.SyntheticClassification.Task;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The classes of the synthetic classification tasks and how one image of each is drawn.
 *
 * <p>{@link Task#SOURCE} (the ImageNet stand-in): class {@code k} is primitive {@code k}, one object of random
 * colours and texture, radius 25–42% of the side, random position and a tilt of up to ±15° (small enough that a
 * square stays distinct from a diamond).
 *
 * <p>{@link Task#TARGET} (the downstream task): classes are compositions of the same primitives — unordered
 * pairs, rows of three, 2×2 grids, one shape nested in another, and primitive-texture combinations — so no
 * target class is a source class, but features of the source classes help tell them apart.
 */
public final class ClassificationScenes {
  private ClassificationScenes() {}

  /** Largest tilt of a classification object, in radians. */
  static final double MAX_TILT = Math.toRadians(15);

  /** One target class: a composition of primitives. */
  private record Composition(String name, Layout layout, Primitive a, Primitive b, Texture texture) {}

  private enum Layout { PAIR, ROW, GRID, NESTED, TEXTURED }

  private static final List<Composition> TARGET = List.of(
      new Composition("circle_square", Layout.PAIR, CIRCLE, SQUARE, null),
      new Composition("triangle_star", Layout.PAIR, TRIANGLE, STAR, null),
      new Composition("three_circles", Layout.ROW, CIRCLE, CIRCLE, null),
      new Composition("square_in_ring", Layout.NESTED, RING, SQUARE, null),
      new Composition("grid_of_diamonds", Layout.GRID, DIAMOND, DIAMOND, null),
      new Composition("ring_cross", Layout.PAIR, RING, CROSS, null),
      new Composition("three_triangles", Layout.ROW, TRIANGLE, TRIANGLE, null),
      new Composition("circle_in_frame", Layout.NESTED, FRAME, CIRCLE, null),
      new Composition("grid_of_stars", Layout.GRID, STAR, STAR, null),
      new Composition("hexagon_heart", Layout.PAIR, HEXAGON, HEART, null),
      new Composition("striped_pentagon", Layout.TEXTURED, PENTAGON, PENTAGON, Texture.STRIPES),
      new Composition("checkered_pentagon", Layout.TEXTURED, PENTAGON, PENTAGON, Texture.CHECKER),
      new Composition("crescent_arrow", Layout.PAIR, CRESCENT, ARROW, null),
      new Composition("three_crosses", Layout.ROW, CROSS, CROSS, null),
      new Composition("star_in_ring", Layout.NESTED, RING, STAR, null),
      new Composition("ell_diamond", Layout.PAIR, ELL, DIAMOND, null));

  /** Class names of the first {@code classes} classes of {@code task}, in index order. */
  public static List<String> classNames(Task task, int classes) {
    if (classes > task.maxClasses()) {
      throw new IllegalArgumentException(task + " has " + task.maxClasses() + " classes, asked for " + classes);
    }
    return java.util.stream.IntStream.range(0, classes).mapToObj(k -> name(task, k)).toList();
  }

  private static String name(Task task, int k) {
    String base = switch (task) {
      case SOURCE -> Primitive.values()[k].label();
      case TARGET -> TARGET.get(k).name();
    };
    // The index prefix makes the sorted folder order the class order.
    return String.format(Locale.ROOT, "%02d_%s", k, base);
  }

  /** One image of class {@code k} of {@code task}, {@code size × size}, every choice drawn from {@code random}. */
  public static BufferedImage render(Task task, int k, int size, SplittableRandom random) {
    BufferedImage image = Scenery.background(size, size, random);
    Graphics2D g = Scenery.graphics(image, true);
    try {
      switch (task) {
        case SOURCE -> {
          double r = size * (0.25 + 0.17 * random.nextDouble());
          place(g, Primitive.values()[k], null, size, r, random);
        }
        case TARGET -> drawComposition(g, TARGET.get(k), size, random);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Draws one primitive of radius {@code r} at a random position that keeps it inside the image. */
  private static void place(Graphics2D g, Primitive p, Texture texture, int size, double r,
      SplittableRandom random) {
    double cx = r + random.nextDouble() * Math.max(0, size - 2 * r);
    double cy = r + random.nextDouble() * Math.max(0, size - 2 * r);
    drawAt(g, p, texture, cx, cy, r, random);
  }

  private static void drawAt(Graphics2D g, Primitive p, Texture texture, double cx, double cy, double r,
      SplittableRandom random) {
    double tilt = (2 * random.nextDouble() - 1) * MAX_TILT;
    var paint = texture == null ? Scenery.objectPaint(random, r, cx, cy)
        : Scenery.objectPaint(texture, random, r, cx, cy);
    Scenery.drawObject(g, p.at(cx, cy, r, tilt), paint, r);
  }

  private static void drawComposition(Graphics2D g, Composition c, int size, SplittableRandom random) {
    switch (c.layout()) {
      case PAIR -> {
        // Side by side or one above the other, in either order: the class is the pair, not the arrangement.
        double r = size * (0.15 + 0.06 * random.nextDouble());
        boolean swap = random.nextBoolean();
        boolean vertical = random.nextBoolean();
        double gap = r * (2.1 + 0.4 * random.nextDouble());
        double[] centre = centre(size, vertical ? 2 * r : r + gap / 2 + r, vertical ? r + gap / 2 + r : 2 * r,
            random);
        double dx = vertical ? 0 : gap / 2;
        double dy = vertical ? gap / 2 : 0;
        drawAt(g, swap ? c.b() : c.a(), null, centre[0] - dx, centre[1] - dy, r, random);
        drawAt(g, swap ? c.a() : c.b(), null, centre[0] + dx, centre[1] + dy, r, random);
      }
      case ROW -> {
        double r = size * (0.1 + 0.04 * random.nextDouble());
        boolean vertical = random.nextBoolean();
        double step = r * (2.1 + 0.3 * random.nextDouble());
        double[] centre = centre(size, vertical ? r : step + r, vertical ? step + r : r, random);
        for (int i = -1; i <= 1; i++) {
          drawAt(g, c.a(), null, centre[0] + (vertical ? 0 : i * step), centre[1] + (vertical ? i * step : 0), r,
              random);
        }
      }
      case GRID -> {
        double r = size * (0.1 + 0.04 * random.nextDouble());
        double step = r * (2.1 + 0.3 * random.nextDouble());
        double[] centre = centre(size, step / 2 + r, step / 2 + r, random);
        for (int i = 0; i < 4; i++) {
          drawAt(g, c.a(), null, centre[0] + (i % 2 - 0.5) * step, centre[1] + (i / 2 - 0.5) * step, r, random);
        }
      }
      case NESTED -> {
        double r = size * (0.3 + 0.1 * random.nextDouble());
        double[] centre = centre(size, r, r, random);
        drawAt(g, c.a(), null, centre[0], centre[1], r, random);
        drawAt(g, c.b(), null, centre[0], centre[1], r * 0.4, random);
      }
      case TEXTURED -> place(g, c.a(), c.texture(), size, size * (0.28 + 0.12 * random.nextDouble()), random);
    }
  }

  /** A random centre for a group of half-extent ({@code hx}, {@code hy}) that keeps it inside the image. */
  private static double[] centre(int size, double hx, double hy, SplittableRandom random) {
    return new double[] {hx + random.nextDouble() * Math.max(0, size - 2 * hx),
        hy + random.nextDouble() * Math.max(0, size - 2 * hy)};
  }
}
