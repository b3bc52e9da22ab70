/** Backbones: ResNet / ResNeXt and VGG — lowered by {@code dev.rethink.graph.backbone}. */
package dev.rethink.dsl.backbone;
