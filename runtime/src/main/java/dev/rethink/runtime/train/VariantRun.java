package dev.rethink.runtime.train;

import dev.rethink.runtime.task.Feeds;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.core.Placement;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.model.ModelCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One variant's TensorFlow state: its {@link Graph}, {@link Session} and lowered {@link VariantGraph}, owned
 * here and closed together (use in try-with-resources). The step loop's state lives in the graph (the global
 * step and the variables), so that a checkpoint is everything a resumed run needs.
 */
final class VariantRun implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final VariantGraph model;
  private final List<String> termNames;
  private final List<Operand<TFloat32>> termOperands;
  private Operand<TBool> allFinite;

  private VariantRun(Graph graph, Session session, VariantGraph model) {
    this.graph = graph;
    this.session = session;
    this.model = model;
    this.termNames = new ArrayList<>(model.lossTerms().keySet());
    this.termOperands = new ArrayList<>(model.lossTerms().values());
  }

  /** Builds the variant's graph with one training tower and opens a session on it. */
  static VariantRun open(ModelCompiler compiler, VariantSpec variant, ConfigProto config) {
    return open(compiler, variant, config, Placement.single());
  }

  /** Builds the variant's graph with the towers of {@code placement} and opens a session on it. */
  static VariantRun open(ModelCompiler compiler, VariantSpec variant, ConfigProto config, Placement placement) {
    Graph graph = new Graph();
    try {
      VariantGraph model = compiler.compile(graph, variant, placement);
      return new VariantRun(graph, new Session(graph, config), model);
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  Session session() {
    return session;
  }

  VariantGraph model() {
    return model;
  }

  /** Runs the initializer: MSRA weights, norm parameters, global step 0. */
  void initialize() {
    session.run(model.initializer());
  }

  /** The global step held by the graph. */
  long globalStep() {
    try (Result r = session.runner().fetch(model.globalStep()).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  /** Feeds one batch, applies one SGD step and returns the loss, its terms and the LR of that step. */
  StepResult step(Feeds feeds) {
    Session.Runner runner = feeds.feed(session.runner(), model.trainInputs())
        .addTarget(model.trainOp())
        .fetch(model.loss())
        .fetch(model.learningRate());
    termOperands.forEach(runner::fetch);
    try (Result r = runner.run()) {
      Map<String, Double> terms = new LinkedHashMap<>();
      for (int i = 0; i < termNames.size(); i++) {
        terms.put(termNames.get(i), widen(((TFloat32) r.get(2 + i)).getFloat()));
      }
      return new StepResult(widen(((TFloat32) r.get(0)).getFloat()), terms, widen(((TFloat32) r.get(1)).getFloat()));
    }
  }

  /** The double nearest the float's shortest decimal form: an LR of 0.02f is logged as 0.02, not 0.0199999995. */
  private static double widen(float x) {
    return Float.isFinite(x) ? Double.parseDouble(Float.toString(x)) : x;
  }

  /** The graph, for TensorBoard's Graphs tab. */
  org.tensorflow.proto.GraphDef graphDef() {
    return graph.toGraphDef();
  }

  /** Restores every variable (weights, momentum buffers, global step) from a checkpoint of this variant. */
  void restore(Path prefix) {
    session.restore(prefix.toString());
  }

  /**
   * True when every trainable variable is finite. A step whose loss was finite can still leave non-finite
   * weights (an overflowing gradient), so this is checked before a checkpoint is written. The check's ops are
   * added to the graph on first use (a session runs ops added after it was created).
   */
  boolean variablesFinite() {
    if (allFinite == null) {
      Ops tf = Ops.create(graph).withSubScope("checkpoint_guard");
      List<Operand<TBool>> each = new ArrayList<>();
      for (VariantGraph.VariableInfo v : model.variables()) {
        if (v.trainable()) {
          Operand<TFloat32> value = graph.operation(v.name()).output(0);
          each.add(tf.reduceAll(tf.math.isFinite(tf.reshape(value, tf.constant(new long[] {-1}))),
              tf.constant(0)));
        }
      }
      allFinite = tf.reduceAll(tf.stack(each), tf.constant(0));
    }
    try (Result r = session.runner().fetch(allFinite).run()) {
      return ((TBool) r.get(0)).getBoolean();
    }
  }

  /** Overwrites the backbone from a checkpoint prefix written by another variant's {@link #save}. */
  void restoreBackbone(Path checkpointPrefix) {
    model.restoreBackbone(session, checkpointPrefix);
  }

  /** Saves every variable to {@code prefix} (its directory is created). */
  void save(Path prefix) {
    try {
      Files.createDirectories(prefix.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + prefix.getParent(), e);
    }
    session.save(prefix.toString());
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
