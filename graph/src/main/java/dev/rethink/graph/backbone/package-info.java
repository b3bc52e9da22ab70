/**
 * Lowering of {@code dev.rethink.dsl.backbone}: {@link dev.rethink.graph.backbone.ResNet} (ResNet / ResNeXt,
 * torchvision topology) and {@link dev.rethink.graph.backbone.Vgg} (convolutional part), both NHWC, returning
 * their stage outputs as {@link dev.rethink.graph.backbone.FeatureMaps}. Usable from any TF Java graph.
 */
package dev.rethink.graph.backbone;
