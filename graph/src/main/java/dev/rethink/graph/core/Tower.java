package dev.rethink.graph.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * One copy of a network in the graph: a training tower (batch statistics, moving-statistics updates) or an
 * inference tower (moving statistics). Towers share variables through their {@link VariableStore}; each has its
 * own op name scope so that the same layer can be built once per tower.
 */
public final class Tower {
  private final Ops tf;
  private final VariableStore store;
  private final boolean training;
  private final CrossTowerReducer reducer;
  private final boolean grouped;
  private final List<Op> updates = new ArrayList<>();
  private final List<MovingAverage<?>> averages = new ArrayList<>();
  private final Set<String> builtPaths = new HashSet<>();

  private Tower(Ops tf, VariableStore store, boolean training, CrossTowerReducer reducer, boolean grouped) {
    this.tf = tf;
    this.store = store;
    this.training = training;
    this.reducer = reducer;
    this.grouped = grouped;
  }

  /**
   * A training tower that is the only one (SyncBN statistics are this tower's).
   *
   * @param tf the tower's op scope, e.g. {@code Ops.create(graph).withSubScope("train")}
   */
  public static Tower training(Ops tf, VariableStore store) {
    return new Tower(tf, store, true, CrossTowerReducer.singleTower(), false);
  }

  /**
   * A training tower of a {@link TowerGroup}: its SyncBN statistics are combined by {@code reducer}, and its
   * moving averages are recorded for the group, which updates each once per step.
   */
  static Tower grouped(Ops tf, VariableStore store, CrossTowerReducer reducer) {
    return new Tower(tf, store, true, reducer, true);
  }

  /** An inference tower: norms use moving statistics and record no updates. */
  public static Tower inference(Ops tf, VariableStore store) {
    return new Tower(tf, store, false, CrossTowerReducer.singleTower(), false);
  }

  /** The root layer scope of this tower (logical path ""). */
  public LayerScope root() {
    return new LayerScope(this, "", tf, true);
  }

  public boolean training() {
    return training;
  }

  public VariableStore store() {
    return store;
  }

  /** Combines SyncBN statistics across towers (identity for a single tower). */
  public CrossTowerReducer reducer() {
    return reducer;
  }

  /**
   * The moving-statistics updates this tower's norms recorded; the train op runs them. Empty for a tower of a
   * {@link TowerGroup}, whose {@link TowerGroup#updateOps()} updates each statistic once for all its towers.
   */
  public List<Op> updateOps() {
    return Collections.unmodifiableList(updates);
  }

  /** The moving averages the norms asked for, in build order. */
  List<MovingAverage<?>> movingAverages() {
    return Collections.unmodifiableList(averages);
  }

  /**
   * Records {@code average}: a tower on its own builds the update at once in {@code layer} (the layer's op
   * scope); a grouped tower leaves it to its group.
   */
  <T extends TFloating> void addMovingAverage(Ops layer, MovingAverage<T> average) {
    if (!training) {
      throw new IllegalStateException("an inference tower records no moving averages");
    }
    averages.add(average);
    if (!grouped) {
      updates.add(average.update(layer, average.batch()));
    }
  }

  void addUpdate(Op update) {
    if (!training) {
      throw new IllegalStateException("an inference tower records no update ops");
    }
    updates.add(update);
  }

  void claim(String path) {
    if (!builtPaths.add(path)) {
      throw new IllegalStateException("layer " + path + " is built twice in one tower");
    }
  }
}
