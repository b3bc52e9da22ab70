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
   * The passes of one training step: one, or {@code count()} accumulation passes whose gradients are summed
   * before the one update. A pass builds the data losses of its towers, each already the mean over its towers.
   */
  public interface Passes {
    /** Passes per step (1: no accumulation). */
    int count();

    /**
     * Builds pass {@code pass}'s towers and returns its data loss terms by name.
     *
     * @param after the previous pass's gradients (empty for the first): the pass's inputs wait for them, so that
     *     one pass's activations are freed before the next one's are made (accumulation saves memory that way)
     */
    Map<String, Operand<TFloat32>> build(int pass, List<Op> after);

    /** The moving-statistics updates of the step, built once every pass is. */
    List<Op> updateOps();
  }

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
    return minimize(tf, store, new Passes() {
      @Override
      public int count() {
        return 1;
      }

      @Override
      public Map<String, Operand<TFloat32>> build(int pass, List<Op> after) {
        return dataLosses;
      }

      @Override
      public List<Op> updateOps() {
        return updateOps;
      }
    }, learningRate, spec, globalStep);
  }

  /**
   * Builds the training step of {@code passes}. With one pass the loss is the data terms plus weight decay and the
   * gradient is its gradient. With K passes each pass contributes the gradient of its data terms divided by K
   * (the first also weight decay's), built after the previous pass's gradients; the update applies their sum, so
   * with per-image mean losses it is the gradient of the mean over all K passes' images. The reported terms are
   * the means of the passes' terms.
   */
  public static Step minimize(Ops tf, VariableStore store, Passes passes, Operand<TFloat32> learningRate,
      SgdSpec spec, Variable<TInt64> globalStep) {
    int k = passes.count();
    Map<String, Operand<TFloat32>> first = passes.build(0, List.of());
    List<ModelVariable> trained = store.all().stream()
        .filter(v -> v.trainable() && v.type() == TFloat32.class).toList();
    if (trained.isEmpty()) {
      throw new IllegalArgumentException("nothing to train: no trainable float32 variable");
    }
    if (first.containsKey(WEIGHT_DECAY)) {
      throw new IllegalArgumentException("a data loss term is called " + WEIGHT_DECAY + ", which is reserved");
    }
    Operand<TFloat32> decay = tf.withName(WEIGHT_DECAY).identity(weightDecay(tf, trained, spec));
    List<Operand<?>> xs = new ArrayList<>();
    trained.forEach(v -> xs.add(v.variable()));

    Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>();
    List<List<Output<TFloat32>>> perPass = new ArrayList<>();
    Operand<TFloat32> loss;
    if (k == 1) {
      terms.putAll(first);
      terms.put(WEIGHT_DECAY, decay);
      loss = tf.withName("loss").math.addN(new ArrayList<>(terms.values()));
      perPass.add(dys(tf.gradients(loss, xs), trained.size()));
    } else {
      Operand<TFloat32> share = tf.constant(1f / k);
      Map<String, List<Operand<TFloat32>>> byTerm = new LinkedHashMap<>();
      Map<String, Operand<TFloat32>> pass = first;
      for (int i = 0; i < k; i++) {
        if (i > 0) {
          List<Op> after = new ArrayList<>();
          perPass.get(i - 1).stream().filter(g -> g != null).forEach(after::add);
          pass = passes.build(i, after);
        }
        pass.forEach((name, value) -> byTerm.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        List<Operand<TFloat32>> parts = new ArrayList<>(pass.values());
        Operand<TFloat32> passLoss = tf.math.mul(tf.math.addN(parts), share);
        if (i == 0) {
          passLoss = tf.math.add(passLoss, decay);
        }
        perPass.add(dys(tf.gradients(passLoss, xs), trained.size()));
      }
      byTerm.forEach((name, values) -> terms.put(name, tf.withName(name).math.mul(tf.math.addN(values), share)));
      terms.put(WEIGHT_DECAY, decay);
      loss = tf.withName("loss").math.addN(new ArrayList<>(terms.values()));
    }

    Map<String, Operand<TFloat32>> byName = new LinkedHashMap<>();
    List<Op> gradientOps = new ArrayList<>();
    for (int i = 0; i < trained.size(); i++) {
      List<Operand<TFloat32>> contributions = new ArrayList<>();
      for (List<Output<TFloat32>> g : perPass) {
        if (g.get(i) != null) {
          contributions.add(g.get(i));
        }
      }
      if (contributions.isEmpty()) {
        throw new IllegalStateException("variable " + trained.get(i).name() + " is trainable but does not affect"
            + " the loss");
      }
      Operand<TFloat32> g = contributions.size() == 1 ? contributions.get(0) : tf.math.addN(contributions);
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
    all.addAll(passes.updateOps());
    Op increment = tf.withControlDependencies(all).assignAdd(globalStep, tf.constant(1L));
    Op trainOp = tf.withName("train_op").withControlDependencies(List.of(increment)).noOp();
    return new Step(loss, Collections.unmodifiableMap(terms), Collections.unmodifiableMap(byName), trainOp);
  }

  private static List<Output<TFloat32>> dys(Gradients gradients, int n) {
    List<Output<TFloat32>> dy = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      dy.add(gradients.dy(i));
    }
    return dy;
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
