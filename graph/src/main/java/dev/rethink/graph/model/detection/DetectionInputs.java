package dev.rethink.graph.model.detection;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A training batch as graph inputs. Images of different sizes are padded (bottom/right) to the batch's size;
 * ground truth is padded to a fixed maximum {@code G} per image with a count.
 *
 * @param images {@code [N, H, W, 3]}, normalized
 * @param imageHw each image's real (height, width) before padding, {@code [N, 2]}
 * @param boxes ground-truth boxes {@code (x0, y0, x1, y1)} in pixels, {@code [N, G, 4]}
 * @param classes ground-truth classes 1…K, {@code [N, G]}
 * @param counts real ground truths per image, {@code [N]}
 * @param masks instance masks at image size {@code [N, G, H, W]} (1 inside), or null without a mask head
 * @param keypoints {@code [N, G, K, 3]} (x, y in continuous pixels, visibility), or null without a keypoint head
 * @param seed int64 {@code [2]} seed of the step's sampling, e.g. {@code [variantSeed, step]}
 */
public record DetectionInputs(Operand<TFloat32> images, Operand<TFloat32> imageHw, Operand<TFloat32> boxes,
    Operand<TInt32> classes, Operand<TInt32> counts, Operand<TFloat32> masks, Operand<TFloat32> keypoints,
    Operand<TInt64> seed) {}
