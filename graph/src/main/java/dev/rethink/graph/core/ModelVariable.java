package dev.rethink.graph.core;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TType;

/**
 * A variable of a graph built by this module, with the facts the optimizer and checkpoint code need.
 *
 * @param name the variable's op name, which is also its checkpoint key (e.g. {@code backbone/res2/block0/conv1/kernel})
 * @param variable the {@code VariableV2} op
 * @param shape its static shape
 * @param role what it is for
 * @param trainable whether the optimizer updates it (false for frozen stages, statistics, slots, the step)
 */
public record ModelVariable(String name, Variable<? extends TType> variable, Shape shape, VariableRole role,
    boolean trainable) {

  /** Top-level scope of backbone variables; checkpoints of a classifier seed a detector's backbone through it. */
  public static final String BACKBONE_SCOPE = "backbone";

  /** Number of scalars. */
  public long size() {
    return shape.size();
  }

  /** True for variables of the backbone (name under {@value #BACKBONE_SCOPE}/). */
  public boolean inBackbone() {
    return name.startsWith(BACKBONE_SCOPE + "/");
  }

  /** The element type. */
  public Class<? extends TType> type() {
    return variable.type();
  }
}
