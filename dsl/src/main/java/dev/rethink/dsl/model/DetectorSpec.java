package dev.rethink.dsl.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import java.util.Optional;

/**
 * An R-CNN detector: backbone, optional FPN, RPN, RoI box heads (and mask / keypoint heads in the subtypes),
 * inference post-processing. Without FPN (the paper's VGG-16 Faster R-CNN) the RPN runs on the backbone's last
 * stage and the RoI heads pool from it.
 */
public sealed interface DetectorSpec extends ModelSpec permits FasterRcnnSpec, MaskRcnnSpec, KeypointRcnnSpec {

  /** The feature pyramid, or {@code null} for a single-level detector (JSON {@code "fpn": null}). */
  FpnSpec fpn();

  RpnSpec rpn();

  RoiHeadsSpec roiHeads();

  InferenceSpec inference();

  /** Foreground classes, background excluded (Detectron2's {@code ROI_HEADS.NUM_CLASSES}, 80 for COCO). */
  int numClasses();

  /** The FPN, if any. */
  @JsonIgnore
  default Optional<FpnSpec> pyramid() {
    return Optional.ofNullable(fpn());
  }

  /** Channels of the features the RPN and RoI heads read: the FPN width, or the last backbone stage's. */
  @JsonIgnore
  default int featureChannels() {
    return fpn() != null ? fpn().outChannels() : backbone().stages().get(backbone().stages().size() - 1)
        .outChannels();
  }
}
