package dev.rethink.graph.init;

import dev.rethink.graph.core.ModelVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
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
 * the first missing or mis-shaped variable fails the whole restore. The restore ops are built once, with the
 * prefix as a fed string; each restore is two session runs whatever the number of variables (a run with new
 * fetches costs an executor build, ~50 ms).
 */
public final class BackboneRestorer {
  private final Ops tf;
  private final List<ModelVariable> variables;
  private final Placeholder<TString> prefix;
  private final List<Operand<TInt64>> shapes = new ArrayList<>();
  private final Op assignAll;

  /**
   * Builds the restore ops for {@code variables} in scope {@code tf}: one {@code RestoreV2} of all of them, their
   * shapes, and one group of assignments.
   */
  public BackboneRestorer(Ops tf, List<ModelVariable> variables) {
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("no variable to restore");
    }
    this.tf = tf;
    this.variables = List.copyOf(variables);
    this.prefix = tf.withName("prefix").placeholder(TString.class);
    String[] names = this.variables.stream().map(ModelVariable::name).toArray(String[]::new);
    List<Class<? extends TType>> types = new ArrayList<>();
    this.variables.forEach(v -> types.add(v.type()));
    String[] wholeTensors = new String[names.length];
    Arrays.fill(wholeTensors, "");
    Restore restore = tf.train.restore(prefix, tf.constant(StandardCharsets.UTF_8, names),
        tf.constant(StandardCharsets.UTF_8, wholeTensors), types);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      Operand<?> value = restore.tensors().get(i);
      shapes.add(tf.shape(value, TInt64.class));
      assigns.add(assign(tf, this.variables.get(i).variable(), value));
    }
    this.assignAll = tf.withName("assign_all").withControlDependencies(assigns).noOp();
  }

  /**
   * Overwrites the variables with the checkpoint's values. Two runs: the shapes of every checkpoint tensor are
   * read and compared, then all variables are assigned.
   *
   * @throws IllegalArgumentException naming the first variable missing from the checkpoint or shaped otherwise,
   *     or the prefix when the checkpoint cannot be read
   */
  public void restore(Session session, Path checkpointPrefix) {
    String path = checkpointPrefix.toString();
    try (TString p = TString.scalarOf(path)) {
      Session.Runner check = session.runner().feed(prefix, p);
      shapes.forEach(check::fetch);
      List<long[]> found = new ArrayList<>();
      try (Result result = check.run()) {
        for (int i = 0; i < variables.size(); i++) {
          found.add(copy((TInt64) result.get(i)));
        }
      } catch (TensorFlowException e) {
        throw firstUnreadable(session, p, path, e);
      }
      for (int i = 0; i < variables.size(); i++) {
        ModelVariable v = variables.get(i);
        if (!Arrays.equals(found.get(i), v.shape().asArray())) {
          throw new IllegalArgumentException("variable " + v.name() + " has shape " + Arrays.toString(found.get(i))
              + " in checkpoint " + path + " but " + v.shape() + " in this graph (hint: the source variant's"
              + " backbone differs: depth, width, groups?)");
        }
      }
      session.runner().feed(prefix, p).addTarget(assignAll).run();
    }
  }

  /**
   * The error for a checkpoint that could not be read as a whole: each variable is then read alone, in order, and
   * the first that fails is named (a rare path, so the extra ops are built only here).
   */
  private IllegalArgumentException firstUnreadable(Session session, TString p, String path, TensorFlowException bulk) {
    Ops probe = tf.withSubScope("probe");
    for (ModelVariable v : variables) {
      Restore one = probe.train.restore(prefix, probe.constant(StandardCharsets.UTF_8, new String[] {v.name()}),
          probe.constant(StandardCharsets.UTF_8, new String[] {""}), List.of(v.type()));
      try {
        session.runner().feed(prefix, p).fetch(probe.shape(one.tensors().get(0))).run().close();
      } catch (TensorFlowException e) {
        return new IllegalArgumentException("cannot restore variable " + v.name() + " from checkpoint " + path
            + ": " + firstLine(e.getMessage()) + " (hint: the checkpoint must come from a graph with the same"
            + " backbone and norm family)", e);
      }
    }
    return new IllegalArgumentException("cannot read checkpoint " + path + ": " + firstLine(bulk.getMessage()), bulk);
  }

  private static long[] copy(TInt64 t) {
    long[] out = new long[(int) t.size()];
    for (int d = 0; d < out.length; d++) {
      out[d] = t.getLong(d);
    }
    return out;
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
