package dev.rethink.graph.model.detection;

import static dev.rethink.graph.model.detection.GraphMath.concat;
import static dev.rethink.graph.model.detection.GraphMath.dim;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.BoxCoderWeights;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InstanceHeadSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.RoiAlignSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.model.detection.StandardRoiHeads;
import dev.rethink.graph.backbone.Backbones;
import dev.rethink.graph.backbone.FeatureMaps;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.model.detection.anchor.AnchorGenerator;
import dev.rethink.graph.model.detection.anchor.BalancedSampler;
import dev.rethink.graph.model.detection.anchor.Matcher;
import dev.rethink.graph.model.detection.anchor.Proposals;
import dev.rethink.graph.model.detection.box.BoxCoder;
import dev.rethink.graph.model.detection.box.Boxes;
import dev.rethink.graph.model.detection.head.BoxHead;
import dev.rethink.graph.model.detection.head.KeypointHead;
import dev.rethink.graph.model.detection.head.MaskHead;
import dev.rethink.graph.model.detection.head.RpnHead;
import dev.rethink.graph.model.detection.inference.PostProcessing;
import dev.rethink.graph.model.detection.loss.DetectionLosses;
import dev.rethink.graph.model.detection.roi.KeypointTargets;
import dev.rethink.graph.model.detection.roi.LevelAssignment;
import dev.rethink.graph.model.detection.roi.MaskTargets;
import dev.rethink.graph.model.detection.roi.RoiAlign;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Lowers an {@link RcnnSpec} into a tower: {@link #losses} for a training tower (Detectron2's loss terms) and
 * {@link #infer} for an inference tower (image-space detections). Both build the same variables, so a training
 * and an inference tower over one {@code VariableStore} share them. Classes are contiguous 0-based at both ends
 * (inputs and detections); inside, the box head's column 0 is background and class c is column c + 1. The batch
 * size may be dynamic in both towers.
 */
public final class Detector {
  /** Loss names, Detectron2's. */
  public static final String LOSS_RPN_CLS = "loss_rpn_cls";
  public static final String LOSS_RPN_LOC = "loss_rpn_loc";
  public static final String LOSS_CLS = "loss_cls";
  public static final String LOSS_BOX_REG = "loss_box_reg";
  public static final String LOSS_MASK = "loss_mask";
  public static final String LOSS_KEYPOINT = "loss_keypoint";
  /** Scope of the RoI heads (box, mask, keypoint) within a tower, Detectron2's {@code roi_heads}. */
  public static final String ROI_HEADS = "roi_heads";
  /** The FPN level range the RoI heads pool from (P2…P5). */
  static final int ROI_MIN_LEVEL = FpnSpec.ROI_LEVELS.get(0);
  static final int ROI_MAX_LEVEL = FpnSpec.ROI_LEVELS.get(FpnSpec.ROI_LEVELS.size() - 1);
  /** Salts that separate the RPN's and the RoI heads' sampling streams drawn from one step seed. */
  private static final long RPN_SALT = 0x5250L;
  private static final long ROI_SALT = 0x524FL;

  private Detector() {}

  /**
   * What an inference tower outputs, in the pixel space of the (resized, padded) input images; entries past an
   * image's detection count are zero. {@code maskProbabilities} / {@code keypoints} are null without those heads.
   *
   * @param detections boxes {@code [N, D, 4]}, scores {@code [N, D]}, classes {@code [N, D]} (0-based, -1 in
   *     padding), counts {@code [N]}; D = {@code InferenceSpec.detectionsPerImage}
   * @param maskProbabilities {@code [N, D, R, R]}: the mask head's probabilities (sigmoid) for each detection's
   *     class, over the detection's box (R = 28); paste them with {@link PostProcessing#pasteMasks} semantics
   * @param keypoints {@code [N, D, K, 3]}: x, y, score (the heatmap's max logit) per keypoint
   */
  public record Outputs(PostProcessing.Detections detections, Operand<TFloat32> maskProbabilities,
      Operand<TFloat32> keypoints) {
    /** These outputs with {@code into}'s where these have none (one instance head's outputs into the rest). */
    Outputs mergedInto(Outputs into) {
      return new Outputs(detections, maskProbabilities != null ? maskProbabilities : into.maskProbabilities,
          keypoints != null ? keypoints : into.keypoints);
    }
  }

  /**
   * The loss terms of a training tower, by Detectron2's names. The batch size may be dynamic.
   *
   * @param freezeAt leading backbone stages frozen ({@code InitSpec.freezeAt})
   */
  public static Map<String, Operand<TFloat32>> losses(LayerScope root, RcnnSpec spec, DetectionInputs in,
      int freezeAt) {
    Ops tf = root.tf();
    Pyramid pyramid = Pyramid.build(root, spec, in.images(), freezeAt);
    RpnSpec rpn = spec.rpn();
    Anchors anchors = Anchors.build(tf, spec, pyramid);
    RpnHead.Outputs rpnOut = RpnHead.build(root.child(RpnHead.SCOPE), pyramid.rpnLevels, anchors.perPosition);
    Map<String, Operand<TFloat32>> losses = new LinkedHashMap<>();
    // Box-head labels: 0 background, 1…K foreground (the inputs' 0-based classes shifted by one).
    Operand<TInt32> gtLabels = tf.math.add(in.classes(), tf.constant(1));

    // RPN: match every anchor, sample, losses.
    Operand<TInt32> g = dim(tf, in.boxes(), 1);
    Operand<TBool> gtValid = tf.math.less(tf.expandDims(tf.range(tf.constant(0), g, tf.constant(1)),
        tf.constant(0)), tf.expandDims(in.counts(), tf.constant(1)));
    Operand<TFloat32> allAnchors = concat(tf, anchors.perLevel, 0);
    Matcher.Match anchorMatch = new Matcher(rpn.negativeIou(), rpn.positiveIou(), true)
        .match(tf, Boxes.maskedIou(tf, in.boxes(), gtValid, allAnchors));
    BalancedSampler.Sample anchorSample = BalancedSampler.sample(tf, anchorMatch.labels(), rpn.anchorsPerImage(),
        rpn.positiveFraction(), salted(tf, in.seed(), RPN_SALT));
    BoxCoder rpnCoder = new BoxCoder(BoxCoderWeights.RPN);
    Operand<TFloat32> anchorTargets = rpnCoder.encode(tf, allAnchors, gatherRows(tf, in.boxes(),
        anchorMatch.matchedIndex()));
    DetectionLosses.RpnLosses rpnLosses = DetectionLosses.rpn(tf, concat(tf, rpnOut.logits(), 1),
        concat(tf, rpnOut.deltas(), 1), anchorTargets, anchorSample, rpn.smoothL1Beta(), rpn.anchorsPerImage());
    losses.put(LOSS_RPN_CLS, rpnLosses.objectness());
    losses.put(LOSS_RPN_LOC, rpnLosses.localization());

    // Proposals (no gradient) plus ground truth, matched and sampled into a fixed number of RoI slots per image.
    Proposals.ProposalSet proposals = proposals(tf, spec, rpnOut, anchors, rpnCoder, in.imageHw(), true);
    LayerScope roiHeads = root.child(ROI_HEADS);
    Sampled sampled = spec.roiHeads().accept(roi -> boxLosses(tf, roiHeads, spec, roi, in, pyramid, proposals,
        gtLabels, gtValid, losses));

    if (!spec.instanceHeads().isEmpty()) {
      // The mask / keypoint heads see the sampled foreground RoIs only, as many as there are (Detectron2's
      // select_foreground_proposals): F rows gathered from the N·S slots. A batch without foreground gets one
      // masked-out row instead (slot 0), because some CPU kernels mis-shape empty batches.
      Operand<TInt32> fgSlots = GraphMath.toInt(tf, tf.reshape(tf.where(flatten(tf,
          tf.math.logicalAnd(sampled.slotValid(), sampled.foreground()))), tf.constant(new int[] {-1})));
      Operand<TInt32> fgCount = dim(tf, fgSlots, 0);
      Operand<TInt32> rows = tf.math.maximum(fgCount, tf.constant(1));
      Operand<TInt32> fgIndex = tf.slice(tf.concat(List.of(fgSlots, tf.constant(new int[] {0})), tf.constant(0)),
          tf.constant(new int[] {0}), tf.expandDims(rows, tf.constant(0)));
      Operand<TBool> fg = tf.math.less(tf.range(tf.constant(0), rows, tf.constant(1)), fgCount);
      Flat flat = sampled.flat();
      Flat fgFlat = new Flat(tf.gather(flat.boxes, fgIndex, tf.constant(0)), tf.gather(flat.batchIndex, fgIndex,
          tf.constant(0)));
      Operand<TInt32> fgClasses = tf.gather(flatten(tf, sampled.classes()), fgIndex, tf.constant(0));
      Operand<TInt32> fgGt = tf.gather(flatten(tf, sampled.gt()), fgIndex, tf.constant(0));
      for (InstanceHeadSpec head : spec.instanceHeads()) {
        head.accept(new InstanceHeadSpec.Visitor<Void>() {
          @Override
          public Void mask(MaskHeadSpec m) {
            Operand<TFloat32> logits = MaskHead.build(roiHeads.child(MaskHead.SCOPE), pool(tf, pyramid,
                fgFlat.boxes, fgFlat.batchIndex, m.pooler()), m, spec.numClasses());
            Operand<TFloat32> targets = MaskTargets.fromBoxMasks(tf, in.masks(), in.boxes(), fgFlat.boxes,
                fgFlat.batchIndex, fgGt, m.maskResolution());
            losses.put(LOSS_MASK, DetectionLosses.mask(tf, logits, fgClasses, targets, fg, spec.numClasses(),
                m.classSpecific()));
            return null;
          }

          @Override
          public Void keypoint(KeypointHeadSpec k) {
            Operand<TFloat32> logits = KeypointHead.build(roiHeads.child(KeypointHead.SCOPE), pool(tf, pyramid,
                fgFlat.boxes, fgFlat.batchIndex, k.pooler()), k);
            Operand<TFloat32> perGt = tf.reshape(in.keypoints(), tf.constant(new int[] {-1, k.numKeypoints(), 3}));
            Operand<TFloat32> kps = tf.gather(perGt, tf.math.add(tf.math.mul(fgFlat.batchIndex, g), fgGt),
                tf.constant(0)); // [F, K, 3]
            KeypointTargets.Targets t = KeypointTargets.heatmap(tf, kps, fgFlat.boxes, k.heatmapResolution());
            Operand<TBool> valid = tf.math.logicalAnd(t.valid(), tf.expandDims(fg, tf.constant(1)));
            losses.put(LOSS_KEYPOINT, DetectionLosses.keypoint(tf, logits, t.index(), valid));
            return null;
          }
        });
      }
    }
    return losses;
  }

  /** What the box stage sampled, in N·S slots, for the instance heads' foreground selection. */
  private record Sampled(Flat flat, Operand<TBool> slotValid, Operand<TBool> foreground, Operand<TInt32> classes,
      Operand<TInt32> gt) {}

  /**
   * The standard box stage of a training tower (Detectron2's {@code StandardROIHeads}): proposals plus ground truth
   * matched and sampled into a fixed number of RoI slots per image, the box head and its two loss terms.
   */
  private static Sampled boxLosses(Ops tf, LayerScope roiHeads, RcnnSpec spec, StandardRoiHeads roi,
      DetectionInputs in, Pyramid pyramid, Proposals.ProposalSet proposals, Operand<TInt32> gtLabels,
      Operand<TBool> gtValid, Map<String, Operand<TFloat32>> losses) {
    Operand<TFloat32> candidates = proposals.boxes();
    Operand<TBool> candidateValid = proposals.valid();
    if (roi.appendGroundTruth()) {
      candidates = tf.concat(List.of(candidates, in.boxes()), tf.constant(1));
      candidateValid = tf.concat(List.of(candidateValid, gtValid), tf.constant(1));
    }
    Matcher.Match roiMatch = new Matcher(roi.foregroundIou(), roi.foregroundIou(), false)
        .match(tf, Boxes.maskedIou(tf, in.boxes(), gtValid, candidates));
    Operand<TInt32> roiLabels = tf.select(candidateValid, roiMatch.labels(), tf.constant(Matcher.IGNORED));
    BalancedSampler.Sample roiSample = BalancedSampler.sample(tf, roiLabels, roi.roisPerImage(),
        roi.foregroundFraction(), salted(tf, in.seed(), ROI_SALT));
    // Slots: sampled foreground first (priority 2), then background (1); TopK keeps index order within a priority.
    Operand<TInt32> priority = tf.select(roiSample.positive(), tf.constant(2), tf.select(roiSample.negative(),
        tf.constant(1), tf.constant(0)));
    Operand<TInt32> slots = tf.math.minimum(tf.constant(roi.roisPerImage()), dim(tf, candidates, 1));
    TopK<TInt32, TInt32> chosen = tf.nn.topK(priority, slots, TInt32.class);
    Operand<TBool> slotValid = tf.math.greater(chosen.values(), tf.constant(0));
    Operand<TFloat32> rois = gatherRows(tf, candidates, chosen.indices());
    Operand<TInt32> roiGt = gatherRows(tf, roiMatch.matchedIndex(), chosen.indices());
    Operand<TBool> roiForeground = tf.math.equal(chosen.values(), tf.constant(2));
    Operand<TInt32> roiClasses = tf.select(roiForeground, gatherRows(tf, gtLabels, roiGt),
        tf.zerosLike(roiGt));
    BoxCoder roiCoder = new BoxCoder(roi.boxCoderWeights());
    Operand<TFloat32> roiTargets = roiCoder.encode(tf, rois, gatherRows(tf, in.boxes(), roiGt));

    Flat flat = Flat.of(tf, rois);
    Operand<TFloat32> pooled = pool(tf, pyramid, flat.boxes, flat.batchIndex, roi.pooler());
    BoxHead.Outputs box = BoxHead.predict(roiHeads.child(BoxHead.PREDICTOR_SCOPE), BoxHead.features(
        roiHeads.child(BoxHead.SCOPE), pooled, roi.boxHead()), spec.numClasses(), roi.classSpecificRegression());
    DetectionLosses.BoxLosses boxLosses = DetectionLosses.fastRcnn(tf, box.classLogits(), box.boxDeltas(),
        flatten(tf, roiClasses), tf.reshape(roiTargets, tf.constant(new int[] {-1, 4})), flatten(tf, slotValid),
        spec.numClasses(), roi.classSpecificRegression(), roi.smoothL1Beta());
    losses.put(LOSS_CLS, boxLosses.classification());
    losses.put(LOSS_BOX_REG, boxLosses.regression());
    return new Sampled(flat, slotValid, roiForeground, roiClasses, roiGt);
  }

  /**
   * The detections of an inference tower for images {@code [N, H, W, 3]} of real sizes {@code imageHw [N, 2]}
   * (N may be dynamic). {@code freezeAt} must be the training tower's (frozen stages lower to the same variables
   * and norms).
   */
  public static Outputs infer(LayerScope root, RcnnSpec spec, Operand<TFloat32> imagesIn,
      Operand<TFloat32> imageHw, int freezeAt) {
    Ops tf = root.tf();
    Pyramid pyramid = Pyramid.build(root, spec, imagesIn, freezeAt);
    Anchors anchors = Anchors.build(tf, spec, pyramid);
    RpnHead.Outputs rpnOut = RpnHead.build(root.child(RpnHead.SCOPE), pyramid.rpnLevels, anchors.perPosition);
    Proposals.ProposalSet proposals = proposals(tf, spec, rpnOut, anchors, new BoxCoder(BoxCoderWeights.RPN),
        imageHw, false);
    LayerScope roiHeads = root.child(ROI_HEADS);
    Detected detected = spec.roiHeads().accept(roi -> boxDetections(tf, roiHeads, spec, roi, pyramid, proposals,
        imageHw));
    PostProcessing.Detections detections = detected.detections();
    Operand<TInt32> n = detected.images();
    Flat det = Flat.of(tf, detections.boxes());
    int d = spec.inference().detectionsPerImage();
    // [N·D] 1 for a real detection, 0 for padding: padded entries of every output are zeroed.
    Operand<TFloat32> filled = flatten(tf, GraphMath.toFloat(tf, tf.math.less(tf.expandDims(tf.range(
        tf.constant(0), tf.constant(d), tf.constant(1)), tf.constant(0)), tf.expandDims(detections.count(),
        tf.constant(1)))));
    Outputs outputs = new Outputs(detections, null, null);
    for (InstanceHeadSpec head : spec.instanceHeads()) {
      outputs = head.accept(new InstanceHeadSpec.Visitor<Outputs>() {
        @Override
        public Outputs mask(MaskHeadSpec m) {
          Operand<TFloat32> logits = MaskHead.build(roiHeads.child(MaskHead.SCOPE), pool(tf, pyramid, det.boxes,
              det.batchIndex, m.pooler()), m, spec.numClasses());
          Operand<TFloat32> classLogits = m.classSpecific()
              ? pick(tf, logits, flatten(tf, detections.classes()), spec.numClasses())
              : tf.sum(logits, tf.constant(-1));
          Operand<TFloat32> masked = tf.math.mul(tf.math.sigmoid(classLogits), tf.reshape(filled,
              tf.constant(new int[] {-1, 1, 1})));
          return new Outputs(detections, tf.reshape(masked, tf.stack(List.of(n, tf.constant(d),
              tf.constant(m.maskResolution()), tf.constant(m.maskResolution())))), null);
        }

        @Override
        public Outputs keypoint(KeypointHeadSpec k) {
          Operand<TFloat32> logits = KeypointHead.build(roiHeads.child(KeypointHead.SCOPE), pool(tf, pyramid,
              det.boxes, det.batchIndex, k.pooler()), k);
          Operand<TFloat32> points = tf.math.mul(PostProcessing.keypoints(tf, logits, det.boxes), tf.reshape(filled,
              tf.constant(new int[] {-1, 1, 1})));
          return new Outputs(detections, null, tf.reshape(points, tf.stack(List.of(n, tf.constant(d),
              tf.constant(k.numKeypoints()), tf.constant(3)))));
        }
      }).mergedInto(outputs);
    }
    return outputs;
  }

  /** The inference box stage's detections and the batch size N it read off the proposals. */
  private record Detected(PostProcessing.Detections detections, Operand<TInt32> images) {}

  /** The standard box stage of an inference tower: the box head on every proposal, then per-class NMS. */
  private static Detected boxDetections(Ops tf, LayerScope roiHeads, RcnnSpec spec, StandardRoiHeads roi,
      Pyramid pyramid, Proposals.ProposalSet proposals, Operand<TFloat32> imageHw) {
    Flat flat = Flat.of(tf, proposals.boxes());
    BoxHead.Outputs box = BoxHead.predict(roiHeads.child(BoxHead.PREDICTOR_SCOPE), BoxHead.features(
        roiHeads.child(BoxHead.SCOPE), pool(tf, pyramid, flat.boxes, flat.batchIndex, roi.pooler()), roi.boxHead()),
        spec.numClasses(), roi.classSpecificRegression());
    Operand<TInt32> n = dim(tf, proposals.boxes(), 0);
    Operand<TInt32> r = dim(tf, proposals.boxes(), 1);
    PostProcessing.Detections detections = PostProcessing.detect(tf,
        tf.reshape(box.classLogits(), tf.stack(List.of(n, r, tf.constant(-1)))),
        tf.reshape(box.boxDeltas(), tf.stack(List.of(n, r, tf.constant(-1)))), proposals.boxes(),
        proposals.valid(), imageHw, new BoxCoder(roi.boxCoderWeights()), spec.inference(), spec.numClasses(),
        roi.classSpecificRegression());
    return new Detected(detections, n);
  }

  private static Proposals.ProposalSet proposals(Ops tf, RcnnSpec spec, RpnHead.Outputs rpnOut,
      Anchors anchors, BoxCoder coder, Operand<TFloat32> imageHw, boolean training) {
    List<Operand<TFloat32>> decoded = new ArrayList<>();
    for (int l = 0; l < anchors.perLevel.size(); l++) {
      decoded.add(coder.decode(tf, rpnOut.deltas().get(l), anchors.perLevel.get(l)));
    }
    RpnSpec rpn = spec.rpn();
    return Proposals.select(tf, rpnOut.logits(), decoded, imageHw, training ? rpn.train() : rpn.test(),
        rpn.nmsIou(), rpn.minBoxSize());
  }

  private static Operand<TFloat32> pool(Ops tf, Pyramid pyramid, Operand<TFloat32> boxes,
      Operand<TInt32> batchIndex, RoiAlignSpec pooler) {
    Operand<TInt32> levels = pyramid.roiLevels.size() == 1 ? tf.zerosLike(batchIndex)
        : LevelAssignment.assign(tf, boxes, ROI_MIN_LEVEL, ROI_MAX_LEVEL);
    return RoiAlign.poolPyramid(tf, pyramid.roiLevels, pyramid.roiStrides, boxes, batchIndex, levels,
        pooler.resolution(), pooler.samplingRatio());
  }

  /** {@code x[n, index[n, j]]} for {@code x [N, A, ...]} and {@code index [N, S]}: {@code [N, S, ...]}. */
  private static <T extends TType> Operand<T> gatherRows(Ops tf, Operand<T> x,
      Operand<TInt32> index) {
    return tf.gather(x, index, tf.constant(1), Gather.batchDims(1L));
  }

  private static <T extends TType> Operand<T> flatten(Ops tf, Operand<T> x) {
    return tf.reshape(x, tf.constant(new int[] {-1}));
  }

  /** The channel {@code classes} (0-based; -1 padding reads 0) of mask logits {@code [M, R, R, K]}: {@code [M, R, R]}. */
  private static Operand<TFloat32> pick(Ops tf, Operand<TFloat32> logits, Operand<TInt32> classes, int k) {
    Operand<TFloat32> oneHot = tf.oneHot(tf.math.maximum(classes, tf.constant(0)),
        tf.constant(k), tf.constant(1f), tf.constant(0f));
    return tf.sum(tf.math.mul(logits, tf.reshape(oneHot, tf.constant(new int[] {-1, 1, 1, k}))),
        tf.constant(-1));
  }

  private static Operand<TInt64> salted(Ops tf, Operand<TInt64> seed, long salt) {
    return tf.math.add(seed, tf.constant(new long[] {salt, 0}));
  }

  /** RoI boxes {@code [N, S, 4]} flattened to {@code [N·S, 4]} with each box's image index. */
  private record Flat(Operand<TFloat32> boxes, Operand<TInt32> batchIndex) {
    static Flat of(Ops tf, Operand<TFloat32> boxes) {
      Operand<TInt32> s = dim(tf, boxes, 1);
      Operand<TInt32> index = tf.reshape(tf.tile(tf.expandDims(tf.range(tf.constant(0), dim(tf, boxes, 0),
          tf.constant(1)), tf.constant(1)), tf.stack(List.of(tf.constant(1), s))), tf.constant(new int[] {-1}));
      return new Flat(tf.reshape(boxes, tf.constant(new int[] {-1, 4})), index);
    }
  }

  /** The feature maps the RPN and the RoI heads read, with their strides. */
  private record Pyramid(List<Operand<TFloat32>> rpnLevels, List<Integer> rpnStrides,
      List<Operand<TFloat32>> roiLevels, List<Integer> roiStrides) {
    static Pyramid build(LayerScope root, RcnnSpec spec, Operand<TFloat32> images, int freezeAt) {
      FeatureMaps<TFloat32> features = Backbones.build(root.child(Backbones.SCOPE), images, spec.backbone(),
          freezeAt);
      if (spec.fpn() != null) {
        List<Operand<TFloat32>> levels = Fpn.build(root.child(Fpn.SCOPE), features, spec.fpn());
        List<Integer> strides = FpnSpec.RPN_LEVELS.stream().map(l -> 1 << l).toList();
        int roiLevels = FpnSpec.ROI_LEVELS.size();
        return new Pyramid(levels, strides, levels.subList(0, roiLevels), strides.subList(0, roiLevels));
      }
      List<BackboneSpec.Stage> stages = spec.backbone().stages();
      int stride = stages.get(stages.size() - 1).stride();
      return new Pyramid(List.of(features.last()), List.of(stride), List.of(features.last()), List.of(stride));
    }
  }

  /** Anchors of every RPN level, {@code [A_l, 4]} each, in the RPN head's output order. */
  private record Anchors(List<Operand<TFloat32>> perLevel, int perPosition) {
    static Anchors build(Ops tf, RcnnSpec spec, Pyramid pyramid) {
      RpnSpec rpn = spec.rpn();
      boolean fpn = spec.fpn() != null;
      List<Operand<TFloat32>> out = new ArrayList<>();
      for (int l = 0; l < pyramid.rpnLevels.size(); l++) {
        List<Double> sizes = fpn ? List.of(rpn.anchorSizes().get(l)) : rpn.anchorSizes();
        Operand<TInt32> hw = tf.slice(tf.shape(pyramid.rpnLevels.get(l)), tf.constant(new int[] {1}),
            tf.constant(new int[] {2}));
        out.add(AnchorGenerator.gridAnchors(tf, hw, pyramid.rpnStrides.get(l),
            AnchorGenerator.cellAnchors(sizes, rpn.aspectRatios())));
      }
      return new Anchors(out, rpn.anchorsPerPosition(fpn));
    }
  }
}
