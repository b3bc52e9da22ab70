package dev.rethink.dsl.model.detection;

import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.norm.NormSpec;

/**
 * A head that runs on the foreground RoIs beside the box head and predicts something more per instance (Detectron2's
 * {@code ROIHeads} mask and keypoint branches): {@link MaskHeadSpec} or {@link KeypointHeadSpec}. Sealed with an
 * exhaustive visitor so that a new head fails to compile wherever heads are lowered, fed, labelled or checked.
 */
public sealed interface InstanceHeadSpec permits MaskHeadSpec, KeypointHeadSpec {

  /** The COCO evaluation type of what the head predicts ({@code segm}, {@code keypoints}). */
  IouType iouType();

  /** The head's normalization after each conv. */
  NormSpec norm();

  /** The same head with {@code norm} after each conv (the paper's "GN in the heads", §3). */
  InstanceHeadSpec withNorm(NormSpec norm);

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over the instance heads. */
  interface Visitor<R> {
    R mask(MaskHeadSpec head);

    R keypoint(KeypointHeadSpec head);
  }
}
