package dev.rethink.runtime.train.tensorboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes one TensorBoard event file ({@code events.out.tfevents.<time>.<host>.<pid>.rethink}) into a log
 * directory. It owns a small graph and session of its own, apart from the model's: a placeholder-fed
 * {@code WriteScalarSummary} / {@code WriteGraphSummary} on one file writer resource. Not thread-safe. A resumed
 * variant writes a new file into the same directory; TensorBoard merges them by step.
 */
public final class TensorBoardWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TensorBoardWriter.class);

  /** Events queued before the writer flushes (TensorFlow's default). */
  private static final int MAX_QUEUE = 10;
  /** The writer flushes at least this often, so that a running or killed variant's curves can be read. */
  private static final int FLUSH_MILLIS = 10_000;

  private final Graph graph;
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Placeholder<TString> serializedGraph;
  private final Op writeScalar;
  private final Op writeGraph;
  private final Op flush;
  private final Op closeWriter;
  private final Path logDir;
  private String failure;

  private TensorBoardWriter(Path logDir) {
    this.logDir = logDir;
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      SummaryWriter writer = tf.summary.summaryWriter();
      Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(logDir.toAbsolutePath().toString()),
          tf.constant(MAX_QUEUE), tf.constant(FLUSH_MILLIS), tf.constant(".rethink"));
      step = tf.placeholder(TInt64.class);
      tag = tf.placeholder(TString.class);
      value = tf.placeholder(TFloat32.class);
      serializedGraph = tf.placeholder(TString.class);
      writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
      writeGraph = tf.summary.writeGraphSummary(writer, step, serializedGraph);
      flush = tf.summary.flushSummaryWriter(writer);
      closeWriter = tf.summary.closeSummaryWriter(writer);
      session = new Session(graph);
      session.run(create);
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  /** Opens a new event file in {@code logDir} (created if missing). */
  public static TensorBoardWriter open(Path logDir) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    }
    return new TensorBoardWriter(logDir);
  }

  /** Writes {@code tag = value} at {@code step} (a {@code simple_value} scalar, as TensorBoard plots it). */
  public void scalar(long step, String tag, double value) {
    if (failure != null) {
      return;
    }
    try (TInt64 s = TInt64.scalarOf(step); TString t = TString.scalarOf(tag);
        TFloat32 v = TFloat32.scalarOf((float) value)) {
      session.runner().feed(this.step, s).feed(this.tag, t).feed(this.value, v).addTarget(writeScalar).run();
    } catch (TensorFlowException e) {
      failed(e);
    }
  }

  /**
   * TensorBoard's events are a view of {@code metrics.jsonl}: a write that fails (a full disk) stops the event
   * file there and is logged once, but never stops training.
   */
  private void failed(TensorFlowException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    failure = logDir + ": TensorBoard events not written from here on (" + m.lines().findFirst().orElse(m) + ")";
    LOG.warn("{}; training goes on", failure);
  }

  /** Why events were lost, if a write failed. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Writes each {@code tag = value} at {@code step}, in the map's order. */
  public void scalars(long step, Map<String, Double> values) {
    values.forEach((t, v) -> scalar(step, t, v));
  }

  /** Writes a graph (TensorBoard's Graphs tab). */
  public void graph(long step, GraphDef graphDef) {
    if (failure != null) {
      return;
    }
    try (TInt64 s = TInt64.scalarOf(step);
        TString g = TString.tensorOfBytes(NdArrays.scalarOfObject(graphDef.toByteArray()))) {
      session.runner().feed(this.step, s).feed(serializedGraph, g).addTarget(writeGraph).run();
    } catch (TensorFlowException e) {
      failed(e);
    }
  }

  /** Writes the queued events to the file. */
  public void flush() {
    if (failure != null) {
      return;
    }
    try {
      session.run(flush);
    } catch (TensorFlowException e) {
      failed(e);
    }
  }

  /** Flushes and closes the event file. */
  @Override
  public void close() {
    try {
      session.run(closeWriter);
    } catch (TensorFlowException e) {
      if (failure == null) {
        failed(e);
      }
    } finally {
      try {
        session.close();
      } finally {
        graph.close();
      }
    }
  }
}
