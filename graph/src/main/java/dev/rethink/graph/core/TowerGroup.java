package dev.rethink.graph.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The training towers of one step: several copies of a network sharing the {@link VariableStore}, whose SyncBN
 * layers see the statistics of all towers of a pass, and whose moving statistics are updated once per step.
 *
 * <p>Why the towers are built in lockstep: a SyncBN layer of tower 0 needs the partial sums of the same layer in
 * every other tower before its output exists, and those depend on the layers below it in those towers. So
 * {@link #build} runs one builder thread per tower, one at a time in turn: a tower builds until its next
 * {@link CrossTowerReducer#sum}, hands the turn to the next tower, and the last tower of the round adds the
 * partial sums ({@code AddN} on the first tower's device, differentiable) for all. Only one thread touches the
 * graph at any moment (the hand-over is a monitor, so each sees the others' work), tower 0 reaches every layer
 * first (so variables are created in the order a single tower creates them), and the graph is the same on every
 * build. Towers that build different networks fail naming the layer.
 *
 * <p>Moving statistics: each norm records its batch statistic ({@link LayerScope#movingAverage}); the group's
 * {@link #updateOps()} updates every moving statistic once, with the mean of that statistic over every tower of
 * every {@link #build} call of the step (the accumulation passes). For SyncBN the towers' values are equal, so
 * the update is the global batch's; for BN it is the mean of the per-tower statistics.
 */
public final class TowerGroup {
  private final VariableStore store;
  private final Ops reduceOps;
  private final List<Tower> towers = new ArrayList<>();
  private List<Op> updateOps;

  /**
   * @param store the variables every tower shares
   * @param reduceOps where the cross-tower sums and the moving-average updates are built (a scope on the first
   *     tower's device)
   */
  public TowerGroup(VariableStore store, Ops reduceOps) {
    this.store = store;
    this.reduceOps = reduceOps;
  }

  /** Builds tower {@code index} of a pass. */
  @FunctionalInterface
  public interface Body<R> {
    R build(int index, Tower tower);
  }

  /**
   * Builds one training tower per scope with {@code body}, in lockstep, and returns each tower's result in
   * order. The towers of one call share SyncBN statistics; each call is one pass (call it again for the next
   * accumulation pass).
   *
   * @param towerScopes each tower's op scope, carrying its device
   */
  public <R> List<R> build(List<Ops> towerScopes, Body<R> body) {
    if (updateOps != null) {
      throw new IllegalStateException("towers built after the group's update ops");
    }
    int n = towerScopes.size();
    if (n == 1) {
      Tower tower = Tower.grouped(towerScopes.get(0), store, CrossTowerReducer.singleTower());
      towers.add(tower);
      return List.of(body.build(0, tower));
    }
    Lockstep lockstep = new Lockstep(n, reduceOps);
    List<Tower> built = new ArrayList<>();
    for (Ops scope : towerScopes) {
      built.add(Tower.grouped(scope, store, lockstep.reducer(built.size())));
    }
    List<R> results = new ArrayList<>(Collections.nCopies(n, null));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Thread t = new Thread(() -> {
        try {
          lockstep.awaitTurn(index);
          R r = body.build(index, built.get(index));
          synchronized (results) {
            results.set(index, r);
          }
          lockstep.finished(index);
        } catch (Lockstep.Aborted e) {
          // another tower failed; its failure is reported
        } catch (Throwable e) {
          lockstep.fail(e);
        }
      }, "tower-builder-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lockstep.fail(e);
      }
    }
    lockstep.rethrow();
    towers.addAll(built);
    synchronized (results) {
      return List.copyOf(results);
    }
  }

  /**
   * One update per moving statistic, with the mean of its batch statistics over every tower built so far; the
   * train op runs them once per step. Built on first call; no tower may be built after.
   */
  public List<Op> updateOps() {
    if (updateOps == null) {
      Map<String, List<MovingAverage<?>>> byVariable = new LinkedHashMap<>();
      for (Tower t : towers) {
        for (MovingAverage<?> a : t.movingAverages()) {
          byVariable.computeIfAbsent(a.variable().op().name(), k -> new ArrayList<>()).add(a);
        }
      }
      List<Op> ops = new ArrayList<>();
      Ops tf = byVariable.isEmpty() ? reduceOps : reduceOps.withSubScope("moving_averages");
      byVariable.values().forEach(list -> ops.add(merged(tf, list)));
      updateOps = Collections.unmodifiableList(ops);
    }
    return updateOps;
  }

  @SuppressWarnings("unchecked")
  private static <T extends TFloating> Op merged(Ops tf, List<MovingAverage<?>> list) {
    MovingAverage<T> first = (MovingAverage<T>) list.get(0);
    if (list.size() == 1) {
      return first.update(tf, first.batch());
    }
    List<Operand<T>> values = new ArrayList<>();
    list.forEach(a -> values.add(((MovingAverage<T>) a).batch()));
    Operand<T> mean = tf.math.mul(tf.math.addN(values), tf.constant(first.variable().type(), 1.0 / list.size()));
    return first.update(tf, mean);
  }

  /** Turn-taking of the builder threads and the partial sums of the current round. */
  private static final class Lockstep {
    /** Thrown in a waiting builder when another one failed. */
    static final class Aborted extends RuntimeException {
      Aborted() {
        super(null, null, false, false);
      }
    }

    private final int n;
    private final Ops reduceOps;
    private int turn;
    private Throwable failure;
    private Exchange pending;

    Lockstep(int n, Ops reduceOps) {
      this.n = n;
      this.reduceOps = reduceOps;
    }

    /** The partial sums of one layer, one per tower, and their total. */
    private static final class Exchange {
      final String key;
      final List<Operand<?>> parts = new ArrayList<>();
      Operand<?> total;

      Exchange(String key) {
        this.key = key;
      }
    }

    CrossTowerReducer reducer(int index) {
      return new CrossTowerReducer() {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends TFloating> Operand<T> sum(Ops tf, String key, Operand<T> local) {
          return (Operand<T>) exchange(index, key, local);
        }
      };
    }

    synchronized void awaitTurn(int index) {
      while (turn != index) {
        if (failure != null) {
          throw new Aborted();
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Aborted();
        }
      }
      if (failure != null) {
        throw new Aborted();
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    synchronized Operand<?> exchange(int index, String key, Operand<?> local) {
      if (index == 0) {
        pending = new Exchange(key);
      } else if (pending == null || pending.total != null || pending.parts.size() != index) {
        throw new IllegalStateException("tower " + index + " sums " + key + " where tower 0 sums nothing: the"
            + " towers build different networks");
      } else if (!pending.key.equals(key)) {
        throw new IllegalStateException("tower " + index + " sums " + key + " where tower 0 sums " + pending.key
            + ": the towers build different networks");
      }
      Exchange mine = pending;
      mine.parts.add(local);
      if (index == n - 1) {
        Ops tf = reduceOps.withSubScope("cross_tower");
        mine.total = tf.math.addN((List) mine.parts);
      }
      turn = (index + 1) % n;
      notifyAll();
      awaitTurn(index);
      return mine.total;
    }

    synchronized void finished(int index) {
      if (index > 0 && pending != null && pending.total == null) {
        throw new IllegalStateException("tower " + index + " ended where tower 0 sums " + pending.key + ": the"
            + " towers build different networks");
      }
      turn = (index + 1) % n;
      notifyAll();
    }

    synchronized void fail(Throwable e) {
      if (failure == null) {
        failure = e;
      }
      notifyAll();
    }

    synchronized void rethrow() {
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      if (failure != null) {
        throw new IllegalStateException("building the towers failed: " + failure, failure);
      }
    }
  }
}
