package dev.rethink.runtime.data.synthetic;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/**
 * The visual primitives of the synthetic datasets: shapes defined in a unit frame (centre 0, radius about 1,
 * y down), placed by {@link #at}. The classification source task learns them one by one; the target task and
 * the detection sets combine them.
 */
public enum Primitive {
  CIRCLE {
    @Override
    Shape unit() {
      return new Ellipse2D.Double(-1, -1, 2, 2);
    }
  },
  SQUARE {
    @Override
    Shape unit() {
      return new Rectangle2D.Double(-0.8, -0.8, 1.6, 1.6);
    }
  },
  TRIANGLE {
    @Override
    Shape unit() {
      return polygon(3, 1, -Math.PI / 2);
    }
  },
  STAR {
    @Override
    Shape unit() {
      return star(5, 1, 0.42);
    }
  },
  RING {
    @Override
    Shape unit() {
      Area a = new Area(new Ellipse2D.Double(-1, -1, 2, 2));
      a.subtract(new Area(new Ellipse2D.Double(-0.55, -0.55, 1.1, 1.1)));
      return a;
    }
  },
  CROSS {
    @Override
    Shape unit() {
      Area a = new Area(new Rectangle2D.Double(-1, -0.3, 2, 0.6));
      a.add(new Area(new Rectangle2D.Double(-0.3, -1, 0.6, 2)));
      return a;
    }
  },
  DIAMOND {
    @Override
    Shape unit() {
      return outline(0, -1, 0.65, 0, 0, 1, -0.65, 0);
    }
  },
  HEXAGON {
    @Override
    Shape unit() {
      return polygon(6, 1, 0);
    }
  },
  PENTAGON {
    @Override
    Shape unit() {
      return polygon(5, 1, -Math.PI / 2);
    }
  },
  CRESCENT {
    @Override
    Shape unit() {
      Area a = new Area(new Ellipse2D.Double(-1, -1, 2, 2));
      a.subtract(new Area(new Ellipse2D.Double(-0.45, -1.1, 2, 2)));
      return a;
    }
  },
  ARROW {
    @Override
    Shape unit() {
      return outline(-1, -0.25, 0.1, -0.25, 0.1, -0.7, 1, 0, 0.1, 0.7, 0.1, 0.25, -1, 0.25);
    }
  },
  HEART {
    @Override
    Shape unit() {
      Path2D.Double p = new Path2D.Double();
      p.moveTo(0, 1);
      p.curveTo(-0.4, 0.6, -1.1, 0.2, -1, -0.35);
      p.curveTo(-0.9, -0.95, -0.2, -1.05, 0, -0.5);
      p.curveTo(0.2, -1.05, 0.9, -0.95, 1, -0.35);
      p.curveTo(1.1, 0.2, 0.4, 0.6, 0, 1);
      p.closePath();
      return p;
    }
  },
  SEMICIRCLE {
    @Override
    Shape unit() {
      Area a = new Area(new Ellipse2D.Double(-1, -0.75, 2, 2));
      a.intersect(new Area(new Rectangle2D.Double(-1, -0.75, 2, 1)));
      return a;
    }
  },
  ELL {
    @Override
    Shape unit() {
      Area a = new Area(new Rectangle2D.Double(-0.8, -1, 0.55, 2));
      a.add(new Area(new Rectangle2D.Double(-0.8, 0.45, 1.6, 0.55)));
      return a;
    }
  },
  FRAME {
    @Override
    Shape unit() {
      Area a = new Area(new Rectangle2D.Double(-0.85, -0.85, 1.7, 1.7));
      a.subtract(new Area(new Rectangle2D.Double(-0.45, -0.45, 0.9, 0.9)));
      return a;
    }
  },
  TRAPEZOID {
    @Override
    Shape unit() {
      return outline(-0.45, -0.6, 0.45, -0.6, 1, 0.6, -1, 0.6);
    }
  };

  /** The shape in its unit frame. */
  abstract Shape unit();

  /** The shape centred at ({@code cx}, {@code cy}) with radius {@code r}, rotated by {@code angle} radians. */
  public Shape at(double cx, double cy, double r, double angle) {
    AffineTransform t = new AffineTransform();
    t.translate(cx, cy);
    t.rotate(angle);
    t.scale(r, r);
    return t.createTransformedShape(unit());
  }

  /**
   * The shape centred at ({@code cx}, {@code cy}) with radii {@code rx}, {@code ry} along its own axes, rotated by
   * {@code angle} radians.
   */
  public Shape at(double cx, double cy, double rx, double ry, double angle) {
    AffineTransform t = new AffineTransform();
    t.translate(cx, cy);
    t.rotate(angle);
    t.scale(rx, ry);
    return t.createTransformedShape(unit());
  }

  /** Lower-case name, used in folder and category names. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static Shape polygon(int n, double r, double phase) {
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double a = phase + 2 * Math.PI * i / n;
      xy[2 * i] = r * Math.cos(a);
      xy[2 * i + 1] = r * Math.sin(a);
    }
    return outline(xy);
  }

  private static Shape star(int points, double outer, double inner) {
    double[] xy = new double[4 * points];
    for (int i = 0; i < 2 * points; i++) {
      double a = -Math.PI / 2 + Math.PI * i / points;
      double r = i % 2 == 0 ? outer : inner;
      xy[2 * i] = r * Math.cos(a);
      xy[2 * i + 1] = r * Math.sin(a);
    }
    return outline(xy);
  }

  /** A closed polygon through the points {@code (xy[0], xy[1]), (xy[2], xy[3]), ...}. */
  private static Shape outline(double... xy) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(xy[i], xy[i + 1]);
    }
    p.closePath();
    return p;
  }
}
