package dev.rethink.dsl.eval;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import java.util.HashSet;
import java.util.List;

/**
 * COCO average precision (AP averaged over IoU .50:.05:.95, with AP50, AP75, per-size APs and ARs) for each IoU
 * type, with the semantics of pycocotools' COCOeval — the metric of every COCO number in the paper.
 */
public record CocoAp(List<IouType> iouTypes) implements MetricSpec {
  public CocoAp {
    if (SpecParts.checkNow()) {
      require(iouTypes != null && !iouTypes.isEmpty(), "iouTypes",
          "needs at least one IoU type (hint: List.of(IouType.BBOX, IouType.SEGM) for Mask R-CNN)");
      require(new HashSet<>(iouTypes).size() == iouTypes.size(), "iouTypes", "lists a type twice: " + iouTypes);
    }
    iouTypes = iouTypes == null ? null : List.copyOf(iouTypes);
  }


  /** Box AP only (Faster R-CNN). */
  public static CocoAp box() {
    return new CocoAp(List.of(IouType.BBOX));
  }

  /** Box and mask AP (Mask R-CNN). */
  public static CocoAp boxAndMask() {
    return new CocoAp(List.of(IouType.BBOX, IouType.SEGM));
  }

  /** Box and keypoint AP (Keypoint R-CNN). */
  public static CocoAp boxAndKeypoints() {
    return new CocoAp(List.of(IouType.BBOX, IouType.KEYPOINTS));
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.cocoAp(this);
  }
}
