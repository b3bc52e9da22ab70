package dev.rethink.runtime.weights.mapping;

import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.VariableStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The values a weights file gives our variables, already in our layout and norm form, with the
 * {@link MappingReport} of how. {@link #applyTo} assigns them all at once.
 */
public final class MappedWeights {
  private final MappingReport report;
  private final Map<String, float[]> values;
  private final Map<String, long[]> shapes;

  MappedWeights(MappingReport report, Map<String, float[]> values, Map<String, long[]> shapes) {
    this.report = report;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
  }

  /** How every tensor was mapped, skipped, or not. */
  public MappingReport report() {
    return report;
  }

  /** The target variables that receive a value, in build order. */
  public Set<String> variables() {
    return values.keySet();
  }

  /** The value of target {@code variable}, row-major in its shape (a copy). */
  public float[] value(String variable) {
    float[] v = values.get(variable);
    if (v == null) {
      throw new IllegalArgumentException("no value for variable " + variable + " (mapped: " + values.size()
          + " variables)");
    }
    return v.clone();
  }

  /** The shape of target {@code variable}. */
  public long[] shape(String variable) {
    long[] s = shapes.get(variable);
    if (s == null) {
      throw new IllegalArgumentException("no value for variable " + variable);
    }
    return s.clone();
  }

  /**
   * Assigns every mapped value to its variable of {@code store}'s graph through {@code session}, all or nothing:
   * each variable is first looked up and its shape and type compared — the first that does not fit fails the
   * call before anything is assigned — then one session run assigns them all (the assign ops are added to the
   * graph under {@code import_weights/}). Run it after the store's initializer, as {@code BackboneRestorer} is
   * for Rethink's own checkpoints.
   *
   * @throws WeightsMappingException naming the variable that is absent, mis-shaped or not float32
   */
  public void applyTo(Session session, VariableStore store) {
    List<ModelVariable> targets = new ArrayList<>();
    for (Map.Entry<String, float[]> e : values.entrySet()) {
      String name = e.getKey();
      ModelVariable v = store.find(name).orElseThrow(() -> new WeightsMappingException("cannot apply "
          + report.file() + ": the graph has no variable " + name + " (mapped for another graph?); nothing was"
          + " assigned"));
      if (!Arrays.equals(v.shape().asArray(), shapes.get(name))) {
        throw new WeightsMappingException("cannot apply " + report.file() + ": variable " + name + " has shape "
            + v.shape() + " in the graph but " + Arrays.toString(shapes.get(name)) + " was mapped; nothing was"
            + " assigned");
      }
      if (v.type() != TFloat32.class) {
        throw new WeightsMappingException("cannot apply " + report.file() + ": variable " + name + " is "
            + v.type().getSimpleName() + ", imported weights are float32; nothing was assigned");
      }
      targets.add(v);
    }
    if (targets.isEmpty()) {
      throw new WeightsMappingException("cannot apply " + report.file() + ": no variable was mapped");
    }
    Ops tf = store.ops().withSubScope("import_weights");
    List<Placeholder<TFloat32>> feeds = new ArrayList<>();
    List<Op> assigns = new ArrayList<>();
    for (ModelVariable v : targets) {
      Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
      feeds.add(p);
      @SuppressWarnings("unchecked")
      Variable<TFloat32> variable = (Variable<TFloat32>) v.variable();
      assigns.add(tf.assign(variable, p));
    }
    Op all = tf.withName("assign_all").withControlDependencies(assigns).noOp();
    List<TFloat32> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner().addTarget(all);
      for (int i = 0; i < targets.size(); i++) {
        ModelVariable v = targets.get(i);
        TFloat32 t = TFloat32.tensorOf(Shape.of(shapes.get(v.name())),
            DataBuffers.of(values.get(v.name()), true, false));
        tensors.add(t);
        runner.feed(feeds.get(i), t);
      }
      runner.run().close(); // targets only: nothing fetched
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }
}
