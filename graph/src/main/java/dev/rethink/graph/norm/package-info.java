/**
 * Lowering of {@code dev.rethink.dsl.norm}: {@link dev.rethink.graph.norm.Norms} maps each norm spec to a
 * {@link dev.rethink.graph.norm.Normalization} — none, BN (FusedBatchNormV3 + explicit moving averages), SyncBN
 * (statistics summed across towers by a {@link dev.rethink.graph.core.CrossTowerReducer}), FrozenBN, GN.
 */
package dev.rethink.graph.norm;
