/**
 * Putting a {@link dev.rethink.runtime.weights.WeightsFile} onto the variables of a Rethink ResNet / ResNeXt / VGG
 * ({@link dev.rethink.graph.backbone.ResNet}, {@link dev.rethink.graph.backbone.Vgg}) and classifier head, from
 * torchvision's, Detectron's (Caffe2) or Detectron2's naming: {@link WeightsMapping#map} renames, converts the
 * layout (OIHW kernels to HWIO, {@code [out, in]} fully connected weights to {@code [in, out]}) and the norm
 * (BN to BN / SyncBN / FrozenBN with its statistics; Detectron's AffineChannel to BN with mean 0 and variance
 * 1 − ε; BN folded into the convolution for a network without norm; GN's scale and shift), and accounts for
 * every tensor on both sides in a {@link MappingReport}; {@link MappedWeights#applyTo} assigns all values in one
 * session run after checking all of them.
 *
 * <p>Why strict by default: a silently unmapped tensor leaves a randomly initialized layer in a network that looks
 * pre-trained, which is exactly the confound the paper measures. Unmapped source tensors, missing target variables
 * and shape mismatches therefore fail the import, naming the file, the tensor and the variable; the options
 * downgrade missing or unmapped tensors to listed warnings for deliberate partial imports.
 *
 * <p>Not handled here: pixel conventions (RGB or BGR, 0–1 or 0–255, mean and std), which differ between these
 * sources (Detectron's MSRA models take BGR 0–255 minus the mean; torchvision's take RGB 0–1 standardized) and
 * belong to the input pipeline; and which stride placement a file was trained with ({@code strideIn1x1}), which
 * its weights cannot tell — the spec must say it, and the report warns where a source's usual convention differs.
 */
package dev.rethink.runtime.weights.mapping;
