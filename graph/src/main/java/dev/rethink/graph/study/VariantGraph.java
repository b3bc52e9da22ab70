package dev.rethink.graph.study;

import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.ModelSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.Placement;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.grad.CustomGradients;
import dev.rethink.graph.init.BackboneRestorer;
import dev.rethink.graph.init.Initializers;
import dev.rethink.graph.optim.MomentumSgd;
import dev.rethink.graph.schedule.LearningRate;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A variant lowered into one {@link Graph} — a training tower (batch statistics, loss, in-graph LR, momentum SGD,
 * moving-statistics updates) and an inference tower sharing its variables. Layout is NHWC everywhere (MaxPool in
 * NCHW does not run on CPU). Classifiers and the R-CNN detectors ({@link #isDetector()}) are built alike; a feeder finds
 * the placeholders by role in {@link #trainInputs()} / {@link #evalInputs()} and the results in
 * {@link #evalOutputs()} (see {@link InputKey} and {@link OutputKey} for dtypes and shapes).
 *
 * <p>Graph layout: placeholders named by {@link InputKey#opName()} (training) and {@code eval_} + that
 * (inference); outputs named by {@link OutputKey#opName()}; training ops under {@code train/}, inference ops under
 * {@code inference/}; variables by path ({@code backbone/...}, {@code head/fc/...}, {@code fpn/...},
 * {@code rpn/...}, {@code roi_heads/...}, {@code global_step}, {@code optimizer/momentum/...}), which are also
 * their checkpoint keys ({@code Session.save} writes them all); {@code sgd/loss}, {@code sgd/train_op},
 * {@code initializer}. Everything a detector does — proposals, sampling, NMS, mask and keypoint heads — is in the
 * graph, so a SavedModel of it is the whole detector.
 *
 * <p>Use: build, open a {@link Session}, run {@link #initializer()}; for a variant whose {@code init.weights} is
 * {@code FromVariant} / {@code FromCheckpoint}, then call {@link #restoreBackbone}; then run {@link #trainOp()}
 * feeding every entry of {@link #trainInputs()}, and fetch {@link #evalOutputs()} feeding {@link #evalInputs()}.
 * Building takes no session and well under a second for ResNet-50 once TensorFlow is loaded.
 *
 * <p>Detectors: the training step samples anchors and RoIs with the seed {@code [variant seed, global step]}, so
 * the same step of the same variant samples the same boxes, also after a restore. Detections are in the pixel
 * space of the resized input; for the original image divide boxes and keypoint x, y by the image's
 * {@code DetectionBatch.scales} entry. Masks ({@link OutputKey#MASKS}, {@code [N, D, R, R]}) are probabilities
 * over each detection's box, to be pasted into the original image as Detectron2's {@code paste_masks_in_image}
 * (the reference implementation is {@code PostProcessing.pasteMasks}): with the box {@code (x0, y0, x1, y1)} in
 * original-image pixels (the output box divided by the scale), image pixel {@code (i, j)} (row, column) takes the
 * bilinear sample of the R×R mask at mask coordinates {@code u = (j + 0.5 - x0) · R / (x1 - x0) - 0.5} (column),
 * {@code v = (i + 0.5 - y0) · R / (y1 - y0) - 0.5} (row), where mask cell {@code (a, b)} sits at {@code (u, v) =
 * (b, a)} and every cell outside {@code [0, R)²} counts as 0 (so within half a cell outside the mask it blends
 * with 0); the pixel is in the instance when that value is {@code >= 0.5} ({@code InferenceSpec.maskThreshold}).
 */
public final class VariantGraph {
  /** Name of the global step variable. */
  public static final String GLOBAL_STEP = "global_step";
  /** Name of the classification loss term. */
  public static final String CLS = "cls";
  /**
   * Op name of a detector's sampling seed, int64 {@code [2]} = {@code [variant seed, global step]}; feeding it
   * overrides the seed of one run (diagnostics).
   */
  public static final String SAMPLING_SEED = "sampling_seed";

  private final VariantSpec variant;
  private final Ops tf;
  private final VariableStore store;
  private final Lowered lowered;
  private final Operand<TInt64> globalStep;
  private final Operand<TFloat32> learningRate;
  private final MomentumSgd.Step step;
  private final Op initializer;
  private BackboneRestorer restorer;

  private VariantGraph(VariantSpec variant, Ops tf, VariableStore store, Lowered lowered,
      Operand<TInt64> globalStep, Operand<TFloat32> learningRate, MomentumSgd.Step step, Op initializer) {
    this.variant = variant;
    this.tf = tf;
    this.store = store;
    this.lowered = lowered;
    this.globalStep = globalStep;
    this.learningRate = learningRate;
    this.step = step;
    this.initializer = initializer;
  }

  /** Builds the variant's graph into {@code graph} with one training tower; graph building takes no Session. */
  public static VariantGraph build(Graph graph, VariantSpec variant) {
    return build(graph, variant, Placement.single());
  }

  /**
   * Builds the variant's graph with the training towers of {@code placement}: one per device, each on its slice
   * of the global batch (the placeholders still take the whole batch), gradients averaged over the towers and
   * summed over the accumulation passes into one update. The inference tower is one, placed by TensorFlow.
   *
   * @throws IllegalArgumentException when the variant's batch does not divide into the placement's slices
   */
  public static VariantGraph build(Graph graph, VariantSpec variant, Placement placement) {
    placement.sliceOf(variant.name(), variant.schedule().imagesPerBatch());
    CustomGradients.registerAll();
    Ops tf = GraphOps.create(graph);
    VariableStore store = new VariableStore(tf, variant.seed());
    Variable<TInt64> step = store.variable(GLOBAL_STEP, Shape.scalar(), TInt64.class, VariableRole.GLOBAL_STEP,
        false, Initializers.zeros());
    Lowered lowered = variant.model().accept(new ModelSpec.Visitor<Lowered>() {
      @Override
      public Lowered classifier(ClassifierSpec spec) {
        return ClassifierLowering.lower(tf, store, variant, spec, placement);
      }

      @Override
      public Lowered rcnn(RcnnSpec spec) {
        return RcnnLowering.lower(tf, store, variant, spec, step, placement);
      }
    });
    Operand<TFloat32> lr = tf.withName("learning_rate").identity(
        LearningRate.build(tf.withSubScope("schedule"), step, variant.schedule()));
    MomentumSgd.Step sgd = MomentumSgd.minimize(tf.withSubScope("sgd"), store, lowered.passes(), lr,
        variant.optimizer(), step);
    Op init = store.initializer();
    return new VariantGraph(variant, tf, store, lowered, tf.withName("global_step_value").identity(step), lr, sgd,
        init);
  }

  /** The variant this graph lowers. */
  public VariantSpec variant() {
    return variant;
  }

  /** True for an R-CNN detector (detection inputs and outputs), false for a classifier. */
  public boolean isDetector() {
    return lowered.detector();
  }

  /**
   * The training tower's placeholders by role: {@code IMAGES, LABELS} for a classifier; {@code IMAGES,
   * IMAGE_HEIGHTS, IMAGE_WIDTHS, GT_BOXES, GT_CLASSES, GT_COUNTS} for a detector, plus {@code GT_MASKS} (with a
   * mask head) and {@code GT_KEYPOINTS} (with a keypoint head). Every entry must be fed for a training step.
   */
  public Map<InputKey, Operand<?>> trainInputs() {
    return Collections.unmodifiableMap(lowered.trainInputs());
  }

  /**
   * The inference tower's placeholders by role: {@code IMAGES} for a classifier; {@code IMAGES, IMAGE_HEIGHTS,
   * IMAGE_WIDTHS} for a detector (any batch size).
   */
  public Map<InputKey, Operand<?>> evalInputs() {
    return Collections.unmodifiableMap(lowered.evalInputs());
  }

  /**
   * The inference outputs by role: {@code LOGITS} for a classifier; {@code BOXES, SCORES, CLASSES,
   * DETECTION_COUNTS} for a detector, plus {@code MASKS} (with a mask head) and {@code KEYPOINTS} (with a keypoint head).
   */
  public Map<OutputKey, Operand<?>> evalOutputs() {
    return Collections.unmodifiableMap(lowered.evalOutputs());
  }

  /** Training images, float32 [batch, height, width, 3], already normalized ({@link InputKey#IMAGES}). */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> images() {
    return (Operand<TFloat32>) lowered.trainInputs().get(InputKey.IMAGES);
  }

  /** Training labels of a classifier, int32 [batch], 0-based class indices. */
  @SuppressWarnings("unchecked")
  public Operand<TInt32> labels() {
    return (Operand<TInt32>) classifierOnly(lowered.trainInputs().get(InputKey.LABELS), "labels()");
  }

  /** Total training loss (data terms + weight decay), scalar. */
  public Operand<TFloat32> loss() {
    return step.loss();
  }

  /** Each loss term by name ({@code cls}, {@code weight_decay}, ...), scalars, summing to {@link #loss()}. */
  public Map<String, Operand<TFloat32>> lossTerms() {
    return step.lossTerms();
  }

  /** The gradient of {@link #loss()} for each trainable variable, by variable name (for diagnostics). */
  public Map<String, Operand<TFloat32>> gradients() {
    return step.gradients();
  }

  /** The LR of the current step (computed in-graph from the global step), scalar. */
  public Operand<TFloat32> learningRate() {
    return learningRate;
  }

  /** The global step (int64 variable), read value. */
  public Operand<TInt64> globalStep() {
    return globalStep;
  }

  /** One SGD step: applies gradients, updates moving statistics, increments the global step. */
  public Op trainOp() {
    return step.trainOp();
  }

  /** Inference images, float32 [batch, height, width, 3] ({@link InputKey#IMAGES} of {@link #evalInputs()}). */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> evalImages() {
    return (Operand<TFloat32>) lowered.evalInputs().get(InputKey.IMAGES);
  }

  /** Inference logits of a classifier, float32 [batch, classes], using moving statistics. */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> evalLogits() {
    return (Operand<TFloat32>) classifierOnly(lowered.evalOutputs().get(OutputKey.LOGITS), "evalLogits()");
  }

  /** Initializes every variable (MSRA init etc.) and the global step to 0. */
  public Op initializer() {
    return initializer;
  }

  /**
   * Every variable, in creation order: the global step, the model's (backbone, heads) and the momentum buffers
   * ({@code optimizer/momentum/<variable>}).
   */
  public List<VariableInfo> variables() {
    return store.all().stream()
        .map(v -> new VariableInfo(v.name(), v.shape().asArray(), v.trainable(), v.inBackbone()))
        .toList();
  }

  /** Number of trainable scalars. */
  public long trainableParameterCount() {
    return store.all().stream().filter(ModelVariable::trainable).mapToLong(ModelVariable::size).sum();
  }

  /**
   * Overwrites the backbone's variables from a checkpoint prefix written by {@link Session#save(String)} of
   * another variant's graph, honouring the frozen stages; fails naming the first missing or mis-shaped variable.
   * Every backbone variable is restored — weights, norm parameters and moving statistics, frozen stages included
   * (their values must come from the checkpoint); the head, the step and the momentum buffers are not.
   */
  public void restoreBackbone(Session session, Path checkpointPrefix) {
    if (restorer == null) {
      List<ModelVariable> backbone = store.all().stream()
          .filter(v -> v.inBackbone() && v.role().modelState()).toList();
      restorer = new BackboneRestorer(tf.withSubScope("restore_backbone"), backbone);
    }
    restorer.restore(session, checkpointPrefix);
  }

  private Operand<?> classifierOnly(Operand<?> operand, String accessor) {
    if (operand == null) {
      throw new IllegalStateException(variant.name() + ": " + accessor + " is a classifier's; this variant is a"
          + " detector (hint: use trainInputs() / evalOutputs())");
    }
    return operand;
  }

  /** A variable of the graph. */
  public record VariableInfo(String name, long[] shape, boolean trainable, boolean backbone) {}
}
