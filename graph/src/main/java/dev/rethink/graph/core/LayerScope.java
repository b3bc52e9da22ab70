package dev.rethink.graph.core;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Where a layer is being built: its tower, its logical path (which names its variables) and the {@code Ops} its
 * ops go to. The logical path is the same in every tower ({@code backbone/res2/block0/conv1}), the op scope is not
 * ({@code train/backbone/...}, {@code inference/backbone/...}).
 */
public final class LayerScope {
  private final Tower tower;
  private final String path;
  private final Ops tf;
  private final boolean trainable;

  LayerScope(Tower tower, String path, Ops tf, boolean trainable) {
    this.tower = tower;
    this.path = path;
    this.tf = tf;
    this.trainable = trainable;
  }

  /** The scope of sub-layer {@code name}; each sub-layer is built once per tower. */
  public LayerScope child(String name) {
    String childPath = path.isEmpty() ? name : path + "/" + name;
    tower.claim(childPath);
    return new LayerScope(tower, childPath, tf.withSubScope(name), trainable);
  }

  /** The same scope, with the variables created below it frozen (not trained; Detectron's {@code FREEZE_AT}). */
  public LayerScope frozen() {
    return new LayerScope(tower, path, tf, false);
  }

  /** The ops of this layer. */
  public Ops tf() {
    return tf;
  }

  /** The logical path, e.g. {@code backbone/res2/block0/conv1}. */
  public String path() {
    return path;
  }

  /** True in a training tower (batch statistics), false in an inference tower (moving statistics). */
  public boolean training() {
    return tower.training();
  }

  /** False below a frozen stage. */
  public boolean trainable() {
    return trainable;
  }

  public Tower tower() {
    return tower;
  }

  /**
   * The variable {@code path/name}, shared between towers. It is trainable when its role is learnable and this
   * scope is not frozen.
   */
  public <T extends TNumber> Variable<T> variable(String name, Shape shape, Class<T> type, VariableRole role,
      Initializer init) {
    String full = path.isEmpty() ? name : path + "/" + name;
    return tower.store().variable(full, shape, type, role, trainable && role.learnable(), init);
  }

  /**
   * Asks for {@code moving ← momentum · moving + (1 − momentum) · batch} once per step (training towers only):
   * the update of a single tower, or one update with the mean over the towers and accumulation passes of a step.
   */
  public <T extends TFloating> void movingAverage(Variable<T> moving, Operand<T> batch, double momentum) {
    tower.addMovingAverage(tf, new MovingAverage<>(moving, batch, momentum));
  }

  /** Records a moving-statistics update for the train op (training towers only). */
  public void addUpdate(Op update) {
    tower.addUpdate(update);
  }
}
