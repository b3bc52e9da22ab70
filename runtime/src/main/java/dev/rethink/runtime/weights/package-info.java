/**
 * Reading the weight files people have — PyTorch / torchvision {@code .pth}, Detectron2 and Detectron
 * {@code .pkl}, safetensors, {@code .npz} — into one value, {@link dev.rethink.runtime.weights.WeightsFile}: named
 * float arrays with their shapes, in the source's own names and layout (PyTorch's OIHW kernels, {@code [out, in]}
 * fully connected weights). Putting them onto this project's variables is
 * {@link dev.rethink.runtime.weights.mapping}'s job.
 *
 * <p>Why a reader per format rather than "convert with Python first": the pre-trained networks the paper compares
 * against are distributed in these formats, and a study should start from them without a Python toolchain. Pickles
 * are read with Razorvine's unpickler, which runs no code (unknown classes become inert objects), plus small
 * constructors for numpy's and torch's reconstruct functions.
 *
 * <p>Every reader checks the whole file before returning: a truncated or corrupt file, an unknown dtype or a
 * pickle that holds no state dict fails with a {@link dev.rethink.runtime.weights.WeightsFileException} naming the
 * file and, where known, the tensor; nothing is returned in part.
 */
package dev.rethink.runtime.weights;
