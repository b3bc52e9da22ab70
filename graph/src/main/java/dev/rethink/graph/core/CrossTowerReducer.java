package dev.rethink.graph.core;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Sums a tensor over all training towers, giving every tower the total: what SyncBN needs to turn per-tower sums
 * into statistics of the global batch. With one tower it is the identity.
 *
 * <p>A multi-tower implementation gets one call per SyncBN layer per tower, with the layer's logical path as a
 * key that is equal across towers, e.g. to issue one {@code CollectiveReduceV2} (group size = towers, instance key
 * derived from the path) per tower, or to wait until every tower has built the layer and add the partial sums
 * with {@code AddN}. The sums are differentiable, so gradients flow through the global statistics as in
 * PyTorch's {@code SyncBatchNorm}.
 */
public interface CrossTowerReducer {

  /**
   * The sum of {@code local} over the towers.
   *
   * @param key the logical path of the layer (equal in every tower)
   */
  <T extends TFloating> Operand<T> sum(Ops tf, String key, Operand<T> local);

  /** The reducer of a single tower: returns its input. */
  static CrossTowerReducer singleTower() {
    return new CrossTowerReducer() {
      @Override
      public <T extends TFloating> Operand<T> sum(Ops tf, String key, Operand<T> local) {
        return local;
      }
    };
  }
}
