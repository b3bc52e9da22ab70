package dev.rethink.runtime.data.synthetic;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Surface textures of synthetic objects and backgrounds: two colours in a pattern of a given cell size. */
public enum Texture {
  SOLID,
  STRIPES,
  DOTS,
  CHECKER,
  GRADIENT;

  /**
   * The paint of this texture in colours {@code a} and {@code b}, with pattern cells of {@code cell} pixels
   * anchored at ({@code x}, {@code y}).
   */
  public Paint paint(Color a, Color b, double cell, double x, double y) {
    int c = Math.max(2, (int) Math.round(cell));
    return switch (this) {
      case SOLID -> a;
      case GRADIENT -> new GradientPaint((float) x, (float) y, a, (float) (x + 4 * c), (float) (y + 3 * c), b, true);
      case STRIPES -> tile(c * 2, c * 2, x, y, a, (g, s) -> {
        g.setColor(b);
        g.fill(new Rectangle2D.Double(0, 0, s / 2.0, s));
      });
      case DOTS -> tile(c * 2, c * 2, x, y, a, (g, s) -> {
        g.setColor(b);
        g.fill(new Ellipse2D.Double(s / 4.0, s / 4.0, s / 2.0, s / 2.0));
      });
      case CHECKER -> tile(c * 2, c * 2, x, y, a, (g, s) -> {
        g.setColor(b);
        g.fill(new Rectangle2D.Double(0, 0, s / 2.0, s / 2.0));
        g.fill(new Rectangle2D.Double(s / 2.0, s / 2.0, s / 2.0, s / 2.0));
      });
    };
  }

  private interface TileDrawing {
    void draw(Graphics2D g, int side);
  }

  private static Paint tile(int w, int h, double x, double y, Color background, TileDrawing drawing) {
    BufferedImage tile = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = tile.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(background);
      g.fillRect(0, 0, w, h);
      drawing.draw(g, w);
    } finally {
      g.dispose();
    }
    return new TexturePaint(tile, new Rectangle2D.Double(x, y, w, h));
  }
}
