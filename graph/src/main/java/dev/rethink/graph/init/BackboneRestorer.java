package dev.rethink.graph.init;

import dev.rethink.graph.core.ModelVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Restores a set of variables (a backbone) from a checkpoint written by {@code Session.save(prefix)} of another
 * graph, where they were saved under the same names. Checkpoint keys are variable op names, so a classifier's
 * {@code backbone/...} variables seed any graph that builds the same backbone.
 *
 * <p>Before anything is assigned, every variable is looked up in the checkpoint and its shape compared, in order;
 * the first missing or mis-shaped variable fails the whole restore. The restore ops ({@code RestoreV2} per
 * variable, {@code Assign}) are built once, with the prefix as a fed string.
 */
public final class BackboneRestorer {
  private final List<ModelVariable> variables;
  private final Placeholder<TString> prefix;
  private final List<Operand<TInt64>> shapes = new ArrayList<>();
  private final Op assignAll;

  /**
   * Builds the restore ops for {@code variables} in scope {@code tf}.
   */
  public BackboneRestorer(Ops tf, List<ModelVariable> variables) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("no variable to restore");
    }
    this.variables = List.copyOf(variables);
    this.prefix = tf.withName("prefix").placeholder(TString.class);
    List<Op> assigns = new ArrayList<>();
    for (ModelVariable v : this.variables) {
      Restore restore = tf.train.restore(prefix, tf.constant(StandardCharsets.UTF_8,
          new String[] {v.name()}), tf.constant(StandardCharsets.UTF_8, new String[] {""}), List.of(v.type()));
      Operand<?> value = restore.tensors().get(0);
      shapes.add(tf.shape(value, TInt64.class));
      assigns.add(assign(tf, v.variable(), value));
    }
    this.assignAll = tf.withName("assign_all").withControlDependencies(assigns).noOp();
  }

  /**
   * Overwrites the variables with the checkpoint's values.
   *
   * @throws IllegalArgumentException naming the first variable missing from the checkpoint or shaped otherwise,
   *     or the prefix when the checkpoint cannot be read
   */
  public void restore(Session session, Path checkpointPrefix) {
    String path = checkpointPrefix.toString();
    try (TString p = TString.scalarOf(path)) {
      for (int i = 0; i < variables.size(); i++) {
        ModelVariable v = variables.get(i);
        long[] found;
        try (Tensor t = session.runner().feed(prefix, p).fetch(shapes.get(i)).run().get(0)) {
          TInt64 s = (TInt64) t;
          found = new long[(int) s.size()];
          for (int d = 0; d < found.length; d++) {
            found[d] = s.getLong(d);
          }
        } catch (TensorFlowException e) {
          throw new IllegalArgumentException("cannot restore variable " + v.name() + " from checkpoint " + path
              + ": " + firstLine(e.getMessage()) + " (hint: the checkpoint must come from a graph with the same"
              + " backbone and norm family)", e);
        }
        if (!Arrays.equals(found, v.shape().asArray())) {
          throw new IllegalArgumentException("variable " + v.name() + " has shape " + Arrays.toString(found)
              + " in checkpoint " + path + " but " + v.shape() + " in this graph (hint: the source variant's"
              + " backbone differs: depth, width, groups?)");
        }
      }
      session.runner().feed(prefix, p).addTarget(assignAll).run();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Op assign(Ops tf, Variable<? extends TType> variable, Operand<?> value) {
    return tf.assign((Variable) variable, (Operand) value);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
