/** Layers the backbones and heads are made of: convolution (torchvision padding, groups), norm after conv, dense, pooling. */
package dev.rethink.graph.layers;
