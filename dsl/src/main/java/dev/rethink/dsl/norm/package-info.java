/** Normalization choices: none, BN, frozen BN, SyncBN, GN — lowered by {@code dev.rethink.graph.norm}. */
package dev.rethink.dsl.norm;
