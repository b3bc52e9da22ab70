package dev.rethink.graph.study;

import dev.rethink.dsl.study.VariantSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * CONTRACT (being implemented): a variant lowered into one {@link Graph} — a training tower (batch statistics,
 * loss, in-graph LR, momentum SGD, moving-statistics updates) and an inference tower sharing its variables.
 * Layout is NHWC everywhere (MaxPool in NCHW does not run on CPU).
 */
public final class VariantGraph {

  /** Builds the variant's graph into {@code graph}; graph building takes no Session. */
  public static VariantGraph build(Graph graph, VariantSpec variant) {
    throw new UnsupportedOperationException("contract");
  }

  /** Training images, float32 [batch, height, width, 3], already normalized. */
  public Operand<TFloat32> images() {
    throw new UnsupportedOperationException("contract");
  }

  /** Training labels, int32 [batch], 0-based class indices. */
  public Operand<TInt32> labels() {
    throw new UnsupportedOperationException("contract");
  }

  /** Total training loss (data terms + weight decay), scalar. */
  public Operand<TFloat32> loss() {
    throw new UnsupportedOperationException("contract");
  }

  /** Each loss term by name ({@code cls}, {@code weight_decay}, ...), scalars, summing to {@link #loss()}. */
  public Map<String, Operand<TFloat32>> lossTerms() {
    throw new UnsupportedOperationException("contract");
  }

  /** The LR of the current step (computed in-graph from the global step), scalar. */
  public Operand<TFloat32> learningRate() {
    throw new UnsupportedOperationException("contract");
  }

  /** The global step (int64 variable), read value. */
  public Operand<TInt64> globalStep() {
    throw new UnsupportedOperationException("contract");
  }

  /** One SGD step: applies gradients, updates moving statistics, increments the global step. */
  public Op trainOp() {
    throw new UnsupportedOperationException("contract");
  }

  /** Inference images, float32 [batch, height, width, 3]. */
  public Operand<TFloat32> evalImages() {
    throw new UnsupportedOperationException("contract");
  }

  /** Inference logits, float32 [batch, classes], using moving statistics. */
  public Operand<TFloat32> evalLogits() {
    throw new UnsupportedOperationException("contract");
  }

  /** Initializes every variable (MSRA init etc.) and the global step to 0. */
  public Op initializer() {
    throw new UnsupportedOperationException("contract");
  }

  /** Every variable: name, shape, trainable, part (backbone / head). */
  public List<VariableInfo> variables() {
    throw new UnsupportedOperationException("contract");
  }

  /** Number of trainable scalars. */
  public long trainableParameterCount() {
    throw new UnsupportedOperationException("contract");
  }

  /**
   * Overwrites the backbone's variables from a checkpoint prefix written by {@link Session#save(String)} of
   * another variant's graph, honouring the frozen stages; fails naming the first missing or mis-shaped variable.
   */
  public void restoreBackbone(Session session, Path checkpointPrefix) {
    throw new UnsupportedOperationException("contract");
  }

  /** A variable of the graph. */
  public record VariableInfo(String name, long[] shape, boolean trainable, boolean backbone) {}
}
