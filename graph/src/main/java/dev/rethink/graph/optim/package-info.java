/** Lowering of {@code dev.rethink.dsl.optim}: momentum SGD with L2 weight decay, as PyTorch / Detectron2. */
package dev.rethink.graph.optim;
