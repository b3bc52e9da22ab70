package dev.rethink.runtime.data.synthetic;

import static dev.rethink.runtime.data.synthetic.Primitive.CIRCLE;
import static dev.rethink.runtime.data.synthetic.Primitive.RING;
import static dev.rethink.runtime.data.synthetic.Primitive.SEMICIRCLE;
import static dev.rethink.runtime.data.synthetic.Primitive.TRIANGLE;

import dev.rethink.runtime.data.detection.KeypointSchema;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scenes of the synthetic detection sets. Objects are compositions of the classification primitives — a house is
 * a square under a triangle, a snowman two circles — so that a backbone pre-trained on the primitives has learnt
 * their parts without having learnt the detection task. Each scene has 2–8 objects whose size varies over a
 * factor of ten, unannotated distractor primitives, sometimes a crowd (a cluster of small objects of one class
 * annotated as one {@code iscrowd} region), mutual occlusion (an object is placed only where it leaves at least
 * {@value #MIN_VISIBLE} of every earlier object visible) and a cluttered textured background. In keypoint scenes
 * the annotated objects are stick figures carrying COCO's 17 person keypoints.
 *
 * <p>Every object is painted exactly on its {@link Footprint}, so each annotation's visible mask is exactly the set
 * of pixels that show it.
 */
public final class DetectionScenes {
  /** Class names of the instances sets, in label order. */
  public static final List<String> CLASS_NAMES = List.of("house", "snowman", "tree", "lollipop", "target",
      "mushroom", "flower", "rocket", "car", "key");

  /** COCO-style, deliberately non-contiguous category ids of {@link #CLASS_NAMES} (the reader must map them). */
  public static final List<Integer> CATEGORY_IDS = List.of(1, 2, 3, 5, 7, 8, 11, 13, 17, 19);

  /** Smallest fraction of an object's footprint that later objects may leave visible. */
  static final double MIN_VISIBLE = 0.3;

  /** Annotation owner code of pixels showing an unannotated distractor. */
  public static final int DISTRACTOR = -2;

  /** Annotation owner code of background pixels. */
  public static final int BACKGROUND = -1;

  private static final int PLACEMENT_ATTEMPTS = 12;

  /**
   * One annotated region of a scene.
   *
   * @param label class index (0 for the person of keypoint scenes)
   * @param crowd an {@code iscrowd} region
   * @param visible the visible pixels, row-major
   * @param polygons the object's polygons when it is wholly visible, inside the image and without holes (then
   *     their rasterization is {@code visible}); otherwise null and the mask is written as RLE
   * @param keypoints 17 × (x, y, v) with x, y continuous pixel coordinates, or null
   * @param fullArea pixels of the whole object, hidden ones included
   */
  public record Annotated(int label, boolean crowd, boolean[] visible, List<double[]> polygons, double[] keypoints,
      int fullArea) {}

  /**
   * A rendered scene.
   *
   * @param image the pixels (before JPEG compression)
   * @param annotations annotated regions, in drawing order
   * @param owner per pixel (row-major): the index in {@code annotations} of the region it shows,
   *     {@link #DISTRACTOR} or {@link #BACKGROUND}; written by the painting itself
   */
  public record Scene(BufferedImage image, List<Annotated> annotations, int[] owner) {}

  private DetectionScenes() {}

  /** A scene of {@code width × height} pixels, every choice drawn from {@code random}. */
  public static Scene render(int width, int height, boolean keypoints, SplittableRandom random) {
    BufferedImage image = Scenery.background(width, height, random);
    int[] owner = new int[width * height];
    Arrays.fill(owner, BACKGROUND);
    List<Placed> placed = new ArrayList<>();
    double side = Math.min(width, height);
    double minR = Math.max(4, 0.03 * side);
    double maxR = Math.max(minR * 1.5, 0.3 * side);

    int objects = 2 + random.nextInt(7);
    int distractors = random.nextInt(4);
    boolean crowd = random.nextDouble() < 0.15;
    List<Integer> plan = new ArrayList<>(); // 0 object, 1 distractor, 2 crowd
    for (int i = 0; i < objects; i++) {
      plan.add(0);
    }
    for (int i = 0; i < distractors; i++) {
      plan.add(1);
    }
    if (crowd) {
      plan.add(2);
    }
    shuffle(plan, random);

    for (int kind : plan) {
      for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
        Placed p = switch (kind) {
          case 0 -> keypoints ? figure(width, height, minR, maxR, random)
              : object(random.nextInt(CLASS_NAMES.size()), width, height, logUniform(random, minR, maxR), random);
          case 1 -> distractor(width, height, minR, maxR, random);
          default -> crowd(keypoints, width, height, minR, random);
        };
        if (p != null && leavesVisible(p, placed)) {
          for (Placed q : placed) {
            q.hideUnder(p.footprint);
          }
          placed.add(p);
          break;
        }
      }
    }

    List<Annotated> annotations = new ArrayList<>();
    for (Placed p : placed) {
      int index = p.annotated ? annotations.size() : DISTRACTOR;
      p.paint(image, owner, index);
      if (p.annotated) {
        boolean whole = p.visibleArea() == p.footprintArea && p.inside && !p.hasHoles;
        annotations.add(new Annotated(p.label, p.crowd, p.visible, whole ? p.polygons : null,
            p.keypoints == null ? null : visibility(p, width, height), p.footprintArea));
      }
    }
    return new Scene(image, annotations, owner);
  }

  /** Keypoints with visibility: 2 on a visible pixel of the figure, 1 hidden by a later object, 0 off the image. */
  private static double[] visibility(Placed p, int width, int height) {
    double[] kp = p.keypoints.clone();
    for (int k = 0; k < kp.length / 3; k++) {
      int x = (int) Math.floor(kp[k * 3]);
      int y = (int) Math.floor(kp[k * 3 + 1]);
      if (x < 0 || y < 0 || x >= width || y >= height) {
        kp[k * 3] = 0;
        kp[k * 3 + 1] = 0;
        kp[k * 3 + 2] = 0;
      } else {
        kp[k * 3 + 2] = p.visible[y * width + x] ? 2 : 1;
      }
    }
    return kp;
  }

  private static boolean leavesVisible(Placed p, List<Placed> placed) {
    if (p.footprintArea < 4) {
      return false;
    }
    for (Placed q : placed) {
      int left = 0;
      for (int i = 0; i < q.visible.length; i++) {
        if (q.visible[i] && !p.footprint[i]) {
          left++;
        }
      }
      if (left < MIN_VISIBLE * q.footprintArea || left < 4) {
        return false;
      }
    }
    return true;
  }

  // ---- objects --------------------------------------------------------------------------------------------------

  /** The parts of class {@code label}, in a unit frame (radius about 1, y down). */
  static List<Shape> parts(int label) {
    List<Shape> parts = new ArrayList<>();
    switch (label) {
      case 0 -> { // house
        parts.add(bar(0, 0.35, 0.6, 0.5));
        parts.add(TRIANGLE.at(0, -0.35, 0.75, 0));
      }
      case 1 -> { // snowman
        parts.add(CIRCLE.at(0, 0.4, 0.55, 0));
        parts.add(CIRCLE.at(0, -0.45, 0.38, 0));
      }
      case 2 -> { // tree
        parts.add(bar(0, 0.72, 0.13, 0.28));
        parts.add(TRIANGLE.at(0, -0.15, 0.85, 0));
      }
      case 3 -> { // lollipop
        parts.add(bar(0, 0.45, 0.06, 0.55));
        parts.add(CIRCLE.at(0, -0.45, 0.5, 0));
      }
      case 4 -> { // target: a ring around a disc, with a gap between them
        parts.add(RING.at(0, 0, 1, 0));
        parts.add(CIRCLE.at(0, 0, 0.35, 0));
      }
      case 5 -> { // mushroom
        parts.add(bar(0, 0.5, 0.2, 0.45));
        parts.add(SEMICIRCLE.at(0, -0.1, 0.9, 0));
      }
      case 6 -> { // flower
        for (int k = 0; k < 5; k++) {
          double a = -Math.PI / 2 + 2 * Math.PI * k / 5;
          parts.add(CIRCLE.at(0.62 * Math.cos(a), 0.62 * Math.sin(a), 0.32, 0));
        }
        parts.add(CIRCLE.at(0, 0, 0.3, 0));
      }
      case 7 -> { // rocket
        parts.add(TRIANGLE.at(-0.3, 0.7, 0.22, 0));
        parts.add(TRIANGLE.at(0.3, 0.7, 0.22, 0));
        parts.add(bar(0, 0.2, 0.22, 0.6));
        parts.add(TRIANGLE.at(0, -0.6, 0.32, 0));
      }
      case 8 -> { // car
        parts.add(bar(0, -0.42, 0.45, 0.2));
        parts.add(bar(0, -0.05, 0.95, 0.3));
        parts.add(CIRCLE.at(-0.55, 0.4, 0.25, 0));
        parts.add(CIRCLE.at(0.55, 0.4, 0.25, 0));
      }
      case 9 -> { // key
        parts.add(bar(0.3, 0, 0.6, 0.1));
        parts.add(bar(0.75, 0.18, 0.06, 0.12));
        parts.add(bar(0.5, 0.18, 0.06, 0.12));
        parts.add(RING.at(-0.55, 0, 0.42, 0));
      }
      default -> throw new IllegalArgumentException("no class " + label);
    }
    return parts;
  }

  private static Shape bar(double cx, double cy, double halfW, double halfH) {
    return new Rectangle2D.Double(cx - halfW, cy - halfH, 2 * halfW, 2 * halfH);
  }

  private static Placed object(int label, int width, int height, double r, SplittableRandom random) {
    double cx = random.nextDouble() * width;
    double cy = random.nextDouble() * height;
    AffineTransform t = new AffineTransform();
    t.translate(cx, cy);
    t.rotate((2 * random.nextDouble() - 1) * Math.toRadians(10));
    t.scale(r * (0.85 + 0.3 * random.nextDouble()), r);
    List<Shape> shapes = new ArrayList<>();
    for (Shape s : parts(label)) {
      shapes.add(t.createTransformedShape(s));
    }
    return new Placed(label, false, true, shapes, partPaints(shapes.size(), r, cx, cy, random), width, height,
        null);
  }

  private static Placed distractor(int width, int height, double minR, double maxR, SplittableRandom random) {
    Primitive p = Primitive.values()[random.nextInt(Primitive.values().length)];
    double r = logUniform(random, minR, maxR * 0.6);
    double cx = random.nextDouble() * width;
    double cy = random.nextDouble() * height;
    List<Shape> shapes = List.of(p.at(cx, cy, r, random.nextDouble() * 2 * Math.PI));
    return new Placed(-1, false, false, shapes, partPaints(1, r, cx, cy, random), width, height, null);
  }

  /** A cluster of 5–10 small objects of one class, annotated as one crowd region. */
  private static Placed crowd(boolean keypoints, int width, int height, double minR, SplittableRandom random) {
    int label = keypoints ? 0 : random.nextInt(CLASS_NAMES.size());
    double cx = random.nextDouble() * width;
    double cy = random.nextDouble() * height;
    double r = minR * (1 + random.nextDouble());
    int n = 5 + random.nextInt(6);
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = random.nextDouble() * 2 * Math.PI;
      double d = r * 2.5 * Math.sqrt(random.nextDouble()) * 1.5;
      AffineTransform t = new AffineTransform();
      t.translate(cx + d * Math.cos(a), cy + d * Math.sin(a));
      t.scale(r, r);
      List<Shape> parts = keypoints ? figureParts(new double[17 * 3], random) : parts(label);
      for (Shape s : parts) {
        shapes.add(t.createTransformedShape(s));
      }
    }
    return new Placed(label, true, true, shapes, partPaints(shapes.size(), r, cx, cy, random), width, height, null);
  }

  /** A stick figure with COCO's 17 person keypoints, height about {@code 2r}. */
  private static Placed figure(int width, int height, double minR, double maxR, SplittableRandom random) {
    double r = logUniform(random, Math.max(minR, 6), maxR * 1.2);
    double cx = random.nextDouble() * width;
    double cy = random.nextDouble() * height;
    double[] unitKp = new double[17 * 3];
    List<Shape> unit = figureParts(unitKp, random);
    AffineTransform t = new AffineTransform();
    t.translate(cx, cy);
    t.scale(r, r);
    List<Shape> shapes = new ArrayList<>();
    for (Shape s : unit) {
      shapes.add(t.createTransformedShape(s));
    }
    double[] kp = new double[17 * 3];
    for (int k = 0; k < 17; k++) {
      kp[k * 3] = cx + r * unitKp[k * 3];
      kp[k * 3 + 1] = cy + r * unitKp[k * 3 + 1];
      kp[k * 3 + 2] = 2;
    }
    return new Placed(0, false, true, shapes, partPaints(shapes.size(), r, cx, cy, random), width, height, kp);
  }

  /**
   * A stick figure in a unit frame (facing the viewer, so its left is on the image's right), its keypoints
   * written into {@code kp} in {@link KeypointSchema#COCO_PERSON} order.
   */
  static List<Shape> figureParts(double[] kp, SplittableRandom random) {
    double[][] p = new double[17][];
    p[0] = new double[] {0, -0.72};
    p[1] = new double[] {0.06, -0.78};
    p[2] = new double[] {-0.06, -0.78};
    p[3] = new double[] {0.15, -0.74};
    p[4] = new double[] {-0.15, -0.74};
    p[5] = new double[] {0.24, -0.48};
    p[6] = new double[] {-0.24, -0.48};
    p[11] = new double[] {0.14, 0.12};
    p[12] = new double[] {-0.14, 0.12};
    // Arms and legs at random angles (radians from straight down), left and right drawn independently.
    for (int side = 0; side < 2; side++) {
      double sign = side == 0 ? 1 : -1;
      double upper = sign * (0.2 + 1.6 * random.nextDouble());
      double lower = upper + sign * (random.nextDouble() - 0.3);
      p[7 + side] = step(p[5 + side], upper, 0.3);
      p[9 + side] = step(p[7 + side], lower, 0.28);
      double thigh = sign * (0.05 + 0.4 * random.nextDouble());
      double shin = thigh + (random.nextDouble() - 0.5) * 0.6;
      p[13 + side] = step(p[11 + side], thigh, 0.38);
      p[15 + side] = step(p[13 + side], shin, 0.38);
    }
    for (int k = 0; k < 17; k++) {
      kp[k * 3] = p[k][0];
      kp[k * 3 + 1] = p[k][1];
      kp[k * 3 + 2] = 2;
    }
    List<Shape> parts = new ArrayList<>();
    Path2D.Double torso = new Path2D.Double();
    torso.moveTo(p[6][0], p[6][1]);
    torso.lineTo(p[5][0], p[5][1]);
    torso.lineTo(p[11][0], p[11][1]);
    torso.lineTo(p[12][0], p[12][1]);
    torso.closePath();
    parts.add(torso);
    BasicStroke limb = new BasicStroke(0.09f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    int[][] bones = {{5, 7}, {7, 9}, {6, 8}, {8, 10}, {11, 13}, {13, 15}, {12, 14}, {14, 16}};
    for (int[] b : bones) {
      parts.add(limb.createStrokedShape(new Line2D.Double(p[b[0]][0], p[b[0]][1], p[b[1]][0], p[b[1]][1])));
    }
    parts.add(CIRCLE.at(0, -0.75, 0.2, 0));
    return parts;
  }

  private static double[] step(double[] from, double angle, double length) {
    return new double[] {from[0] + length * Math.sin(angle), from[1] + length * Math.cos(angle)};
  }

  private static Paint[] partPaints(int n, double r, double cx, double cy, SplittableRandom random) {
    Paint[] paints = new Paint[n];
    Paint shared = random.nextBoolean() ? Scenery.objectPaint(random, r, cx, cy) : null;
    for (int i = 0; i < n; i++) {
      paints[i] = shared != null ? shared : Scenery.objectPaint(random, r * 0.6, cx, cy);
    }
    return paints;
  }

  private static double logUniform(SplittableRandom random, double lo, double hi) {
    return Math.exp(Math.log(lo) + random.nextDouble() * (Math.log(hi) - Math.log(lo)));
  }

  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  /** A placed object: its parts' polygons and footprints, and what of it later objects leave visible. */
  private static final class Placed {
    final int label;
    final boolean crowd;
    final boolean annotated;
    final List<double[]> polygons = new ArrayList<>();
    final List<boolean[]> partFootprints = new ArrayList<>();
    final Paint[] paints;
    final boolean[] footprint;
    final boolean[] visible;
    final int footprintArea;
    final boolean hasHoles;
    final boolean inside;
    final double[] keypoints;
    final int width;

    Placed(int label, boolean crowd, boolean annotated, List<Shape> shapes, Paint[] paints, int width, int height,
        double[] keypoints) {
      this.label = label;
      this.crowd = crowd;
      this.annotated = annotated;
      this.paints = paints;
      this.width = width;
      this.keypoints = keypoints;
      this.footprint = new boolean[width * height];
      boolean holes = false;
      boolean in = true;
      for (Shape s : shapes) {
        List<double[]> outline = Footprint.polygons(s);
        holes |= outline.size() > 1;
        Rectangle2D b = s.getBounds2D();
        in &= b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= width && b.getMaxY() <= height;
        polygons.addAll(outline);
        boolean[] part = Footprint.rasterize(outline, width, height);
        partFootprints.add(part);
        for (int i = 0; i < part.length; i++) {
          footprint[i] |= part[i];
        }
      }
      this.hasHoles = holes;
      this.inside = in;
      this.visible = footprint.clone();
      this.footprintArea = Footprint.area(footprint);
    }

    void hideUnder(boolean[] above) {
      for (int i = 0; i < visible.length; i++) {
        visible[i] &= !above[i];
      }
    }

    int visibleArea() {
      return Footprint.area(visible);
    }

    /** Paints each part's texture on its footprint, a dark rim on the object's edge, and marks the owner map. */
    void paint(BufferedImage image, int[] owner, int index) {
      int height = footprint.length / width;
      int rim = new Color(20, 20, 20).getRGB();
      for (int k = 0; k < partFootprints.size(); k++) {
        boolean[] part = partFootprints.get(k);
        int[] box = Footprint.box(part, width, height);
        if (box == null) {
          continue;
        }
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        BufferedImage layer = new BufferedImage(bw, bh, BufferedImage.TYPE_INT_RGB);
        Graphics2D lg = layer.createGraphics();
        lg.translate(-box[0], -box[1]);
        lg.setPaint(paints[k]);
        lg.fillRect(box[0], box[1], bw, bh);
        lg.dispose();
        for (int y = box[1]; y < box[3]; y++) {
          for (int x = box[0]; x < box[2]; x++) {
            if (part[y * width + x]) {
              image.setRGB(x, y, layer.getRGB(x - box[0], y - box[1]));
            }
          }
        }
      }
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int i = y * width + x;
          if (!footprint[i]) {
            continue;
          }
          owner[i] = index;
          boolean edge = x == 0 || y == 0 || x == width - 1 || y == height - 1 || !footprint[i - 1]
              || !footprint[i + 1] || !footprint[i - width] || !footprint[i + width];
          if (edge) {
            image.setRGB(x, y, rim);
          }
        }
      }
    }
  }
}
