/**
 * Lowers DSL specs to TensorFlow Java graphs. Each {@code XSpec} of {@code dev.rethink.dsl.p} has one lowering in
 * {@code dev.rethink.graph.p}. The lowerings are public so that other TF Java projects can build, e.g., a ResNet
 * into their own {@code Ops}.
 */
package dev.rethink.graph;
