package dev.rethink.graph.optim;

import dev.rethink.dsl.optim.SgdSpec;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.init.Initializers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * SGD with momentum as PyTorch and Detectron2 apply it — {@code v ← m · v + g; w ← w − lr · v}, which is exactly
 * TensorFlow's {@code ApplyMomentum} (non-Nesterov) — and L2 weight decay added to the loss as
 * {@code wd / 2 · Σ w²} (gradient {@code wd · w}) over convolution / fully connected kernels and biases, and over
 * norm scales and shifts only with {@link SgdSpec#decayNormParameters()}.
 *
 * <p>The momentum buffers are variables {@value #SLOT_SCOPE}/&lt;variable name&gt;, initialized to 0. Every update
 * waits for every gradient: the variables are ref variables updated in place, and a layer's weights are still read
 * by the backward pass of the layers below it.
 */
public final class MomentumSgd {
  /** Scope of the momentum buffers. */
  public static final String SLOT_SCOPE = "optimizer/momentum";
  /** Name of the weight-decay loss term. */
  public static final String WEIGHT_DECAY = "weight_decay";

  private MomentumSgd() {}

  /**
   * The training step's pieces.
   *
   * @param loss total loss: the data terms plus weight decay
   * @param lossTerms each term by name, data terms first, then {@value #WEIGHT_DECAY}
   * @param gradients gradient of {@code loss} for each trained variable, by variable name
   * @param trainOp applies the updates, runs the moving-statistics updates, then increments the global step
   */
  public record Step(Operand<TFloat32> loss, Map<String, Operand<TFloat32>> lossTerms,
      Map<String, Operand<TFloat32>> gradients, Op trainOp) {}

  /**
   * Builds the training step over every trainable float32 variable of {@code store}.
   *
   * @param tf the optimizer's op scope
   * @param dataLosses the data loss terms by name (e.g. {@code cls})
   * @param learningRate scalar LR of the current step
   * @param updateOps moving-statistics updates to run with the step
   * @param globalStep incremented once the updates are applied
   */
  public static Step minimize(Ops tf, VariableStore store, Map<String, Operand<TFloat32>> dataLosses,
      Operand<TFloat32> learningRate, SgdSpec spec, List<Op> updateOps, Variable<TInt64> globalStep) {
    List<ModelVariable> trained = store.all().stream()
        .filter(v -> v.trainable() && v.type() == TFloat32.class).toList();
    if (trained.isEmpty()) {
      throw new IllegalArgumentException("nothing to train: no trainable float32 variable");
    }
    Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>(dataLosses);
    if (terms.containsKey(WEIGHT_DECAY)) {
      throw new IllegalArgumentException("a data loss term is called " + WEIGHT_DECAY + ", which is reserved");
    }
    terms.put(WEIGHT_DECAY, tf.withName(WEIGHT_DECAY).identity(weightDecay(tf, trained, spec)));
    Operand<TFloat32> loss = tf.withName("loss").math.addN(new ArrayList<>(terms.values()));

    List<Operand<?>> xs = new ArrayList<>();
    trained.forEach(v -> xs.add(v.variable()));
    Gradients gradients = tf.gradients(loss, xs);
    Map<String, Operand<TFloat32>> byName = new LinkedHashMap<>();
    List<Op> gradientOps = new ArrayList<>();
    for (int i = 0; i < trained.size(); i++) {
      Output<TFloat32> g = gradients.dy(i);
      if (g == null) {
        throw new IllegalStateException("variable " + trained.get(i).name() + " is trainable but does not affect"
            + " the loss");
      }
      byName.put(trained.get(i).name(), g);
      gradientOps.add(g);
    }

    Ops afterGradients = tf.withControlDependencies(gradientOps);
    Operand<TFloat32> momentum = tf.constant((float) spec.momentum());
    List<Op> applies = new ArrayList<>();
    for (ModelVariable v : trained) {
      @SuppressWarnings("unchecked")
      Variable<TFloat32> w = (Variable<TFloat32>) v.variable();
      Variable<TFloat32> buffer = store.variable(SLOT_SCOPE + "/" + v.name(), v.shape(), TFloat32.class,
          VariableRole.OPTIMIZER_SLOT, false, Initializers.zeros());
      applies.add(afterGradients.train.applyMomentum(w, buffer, learningRate, byName.get(v.name()), momentum));
    }
    List<Op> all = new ArrayList<>(applies);
    all.addAll(updateOps);
    Op increment = tf.withControlDependencies(all).assignAdd(globalStep, tf.constant(1L));
    Op trainOp = tf.withName("train_op").withControlDependencies(List.of(increment)).noOp();
    return new Step(loss, Collections.unmodifiableMap(terms), Collections.unmodifiableMap(byName), trainOp);
  }

  /** True when {@code role} is weight-decayed under {@code spec}. */
  public static boolean decays(VariableRole role, SgdSpec spec) {
    return switch (role) {
      case KERNEL, BIAS -> true;
      case NORM_SCALE, NORM_SHIFT -> spec.decayNormParameters();
      case MOVING_STATISTIC, GLOBAL_STEP, OPTIMIZER_SLOT -> false;
    };
  }

  /** {@code wd / 2 · Σ w²} over the decayed variables, as {@code wd · Σ L2Loss(w)}. */
  private static Operand<TFloat32> weightDecay(Ops tf, List<ModelVariable> trained, SgdSpec spec) {
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (ModelVariable v : trained) {
      if (decays(v.role(), spec)) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> w = (Operand<TFloat32>) v.variable();
        squares.add(tf.nn.l2Loss(w));
      }
    }
    if (spec.weightDecay() == 0 || squares.isEmpty()) {
      return tf.constant(0f);
    }
    return tf.math.mul(tf.constant((float) spec.weightDecay()), tf.math.addN(squares));
  }
}
