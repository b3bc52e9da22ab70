package dev.rethink.runtime.data.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Shared drawing of the synthetic sets: textured, cluttered backgrounds and randomly coloured, textured
 * objects. Every choice is drawn from the {@link SplittableRandom} passed in, so an image depends only on its
 * seed. Backgrounds are dull (low saturation, mid brightness) and objects vivid, so shapes stay visible at
 * 32 pixels; clutter is thin strokes, never a filled shape that could pass for an object.
 */
final class Scenery {
  private Scenery() {}

  /** A new RGB canvas of {@code width × height} with a textured background and clutter strokes. */
  static BufferedImage background(int width, int height, SplittableRandom random) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = graphics(image, true);
    try {
      double side = Math.min(width, height);
      Color a = dull(random);
      Color b = dull(random);
      Texture texture = Texture.values()[random.nextInt(Texture.values().length)];
      g.setPaint(texture.paint(a, b, side * (0.04 + 0.1 * random.nextDouble()), random.nextDouble() * side,
          random.nextDouble() * side));
      g.fillRect(0, 0, width, height);
      int strokes = 3 + random.nextInt(5) + (int) (width * (long) height / 8192);
      for (int i = 0; i < strokes; i++) {
        g.setColor(random.nextBoolean() ? dull(random) : vivid(random));
        g.setStroke(new BasicStroke((float) Math.max(1, side * (0.01 + 0.02 * random.nextDouble()))));
        double x = random.nextDouble() * width;
        double y = random.nextDouble() * height;
        double len = side * (0.1 + 0.4 * random.nextDouble());
        double angle = random.nextDouble() * 2 * Math.PI;
        if (random.nextBoolean()) {
          g.draw(new Line2D.Double(x, y, x + len * Math.cos(angle), y + len * Math.sin(angle)));
        } else {
          g.draw(new Arc2D.Double(x - len / 2, y - len / 2, len, len, Math.toDegrees(angle),
              60 + 120 * random.nextDouble(), Arc2D.OPEN));
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** A random texture in two vivid colours at a pattern scale proportional to the object radius. */
  static Paint objectPaint(SplittableRandom random, double radius, double cx, double cy) {
    return objectPaint(Texture.values()[random.nextInt(Texture.values().length)], random, radius, cx, cy);
  }

  /** The given texture in two vivid colours at a pattern scale proportional to the object radius. */
  static Paint objectPaint(Texture texture, SplittableRandom random, double radius, double cx, double cy) {
    Color a = vivid(random);
    Color b = vivid(random);
    return texture.paint(a, b, Math.max(1.5, radius * (0.2 + 0.2 * random.nextDouble())), cx, cy);
  }

  /** Fills {@code shape} with {@code paint} and a thin dark outline (objects keep an edge on any background). */
  static void drawObject(Graphics2D g, Shape shape, Paint paint, double radius) {
    g.setPaint(paint);
    g.fill(shape);
    g.setColor(new Color(20, 20, 20));
    g.setStroke(new BasicStroke((float) Math.max(0.6, radius * 0.06)));
    g.draw(shape);
  }

  static Graphics2D graphics(BufferedImage image, boolean antialias) {
    Graphics2D g = image.createGraphics();
    Object aa = antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    return g;
  }

  static Color vivid(SplittableRandom random) {
    return Color.getHSBColor((float) random.nextDouble(), (float) (0.6 + 0.4 * random.nextDouble()),
        (float) (0.75 + 0.25 * random.nextDouble()));
  }

  static Color dull(SplittableRandom random) {
    return Color.getHSBColor((float) random.nextDouble(), (float) (0.1 + 0.3 * random.nextDouble()),
        (float) (0.3 + 0.4 * random.nextDouble()));
  }
}
