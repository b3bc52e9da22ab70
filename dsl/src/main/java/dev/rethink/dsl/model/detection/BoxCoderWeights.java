package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * Weights of the box encoding (Detectron2's {@code Box2BoxTransform}): {@code dx = wx (x_gt - x_a) / w_a},
 * {@code dy = wy (y_gt - y_a) / h_a}, {@code dw = ww log(w_gt / w_a)}, {@code dh = wh log(h_gt / h_a)} with centres
 * {@code x, y} and sizes {@code w, h}.
 */
public record BoxCoderWeights(double wx, double wy, double ww, double wh) {
  /** The RoI box head's weights: Detectron2 {@code ROI_BOX_HEAD.BBOX_REG_WEIGHTS = (10, 10, 5, 5)}. */
  public static final BoxCoderWeights ROI_HEADS = new BoxCoderWeights(10, 10, 5, 5);
  /** The RPN's weights: Detectron2 {@code RPN.BBOX_REG_WEIGHTS = (1, 1, 1, 1)}. */
  public static final BoxCoderWeights RPN = new BoxCoderWeights(1, 1, 1, 1);

  public BoxCoderWeights {
    if (SpecParts.checkNow()) {
      require(wx > 0, "wx", "must be > 0, was " + wx);
      require(wy > 0, "wy", "must be > 0, was " + wy);
      require(ww > 0, "ww", "must be > 0, was " + ww);
      require(wh > 0, "wh", "must be > 0, was " + wh);
    }
  }
}
