package dev.rethink.graph.study;

import dev.rethink.graph.core.Placement;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.TowerGroup;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.optim.MomentumSgd;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The training towers of a variant under a {@link Placement}, as the optimizer's passes.
 *
 * <p>The placeholders hold the global batch, as without towers, so feeding does not change: the graph splits
 * every input along the batch axis into {@code towers × accumulate} equal slices (slice {@code p · towers + t} for
 * tower t of pass p), and each tower builds the model on its slice, on its device. A pass's loss terms are the
 * means of its towers' terms; with per-image mean losses that is the mean over the pass's images. A single tower
 * without accumulation is built exactly as before towers existed: scope {@code train}, no split.
 */
final class TrainingPasses implements MomentumSgd.Passes {
  /** Builds one training tower's data loss terms from its inputs (a slice of the global batch). */
  interface Body {
    Map<String, Operand<TFloat32>> losses(Tower tower, Map<InputKey, Operand<?>> inputs);
  }

  private final Ops train;
  private final Placement placement;
  private final Map<InputKey, Operand<?>> inputs;
  private final Body body;
  private final TowerGroup group;
  private final Tower single;
  private final Map<InputKey, List<Output<?>>> slices = new EnumMap<>(InputKey.class);
  private Map<String, Operand<TFloat32>> firstPass;

  /**
   * Builds the first pass at once (so that the training tower creates the variables, before the inference tower).
   *
   * @param tf the graph's root ops
   * @param inputs the global-batch placeholders
   */
  TrainingPasses(Ops tf, VariableStore store, Placement placement, Map<InputKey, Operand<?>> inputs, Body body) {
    this.train = tf.withSubScope("train");
    this.placement = placement;
    this.inputs = inputs;
    this.body = body;
    if (placement.isSingle()) {
      this.single = Tower.training(train, store);
      this.group = null;
    } else {
      this.single = null;
      this.group = new TowerGroup(store, train.withDevice(placement.devices().get(0)));
      Ops split = train.withSubScope("slices");
      inputs.forEach((key, input) -> slices.put(key, split(split, input, placement.replicas())));
    }
    this.firstPass = build(0, List.of());
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> List<Output<?>> split(Ops tf, Operand<?> input, int parts) {
    Split<T> s = tf.split(tf.constant(0), (Operand<T>) input, (long) parts);
    return new ArrayList<>(s.output());
  }

  @Override
  public int count() {
    return placement.accumulate();
  }

  @Override
  public Map<String, Operand<TFloat32>> build(int pass, List<Op> after) {
    if (pass == 0 && firstPass != null) {
      return firstPass;
    }
    if (single != null) {
      return body.losses(single, inputs);
    }
    int towers = placement.towers();
    List<Ops> scopes = new ArrayList<>();
    List<Map<InputKey, Operand<?>>> towerInputs = new ArrayList<>();
    for (int t = 0; t < towers; t++) {
      int replica = pass * towers + t;
      Ops scope = train.withSubScope(placement.accumulate() == 1 ? "tower_" + t : "pass_" + pass + "_tower_" + t)
          .withDevice(placement.devices().get(t));
      scopes.add(scope);
      Ops in = after.isEmpty() ? scope : scope.withControlDependencies(after);
      Map<InputKey, Operand<?>> mine = new EnumMap<>(InputKey.class);
      slices.forEach((key, parts) -> mine.put(key, identity(in, parts.get(replica))));
      towerInputs.add(mine);
    }
    List<Map<String, Operand<TFloat32>>> losses = group.build(scopes,
        (t, tower) -> body.losses(tower, towerInputs.get(t)));
    if (towers == 1) {
      return losses.get(0);
    }
    Ops mean = train.withDevice(placement.devices().get(0)).withSubScope("tower_mean");
    Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>();
    for (String name : losses.get(0).keySet()) {
      List<Operand<TFloat32>> values = new ArrayList<>();
      losses.forEach(l -> values.add(l.get(name)));
      terms.put(name, mean.math.mul(mean.math.addN(values), mean.constant(1f / towers)));
    }
    return terms;
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<?> identity(Ops tf, Output<?> x) {
    return tf.identity((Operand<T>) x);
  }

  @Override
  public List<Op> updateOps() {
    return single != null ? single.updateOps() : group.updateOps();
  }
}
