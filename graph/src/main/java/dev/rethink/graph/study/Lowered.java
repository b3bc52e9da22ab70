package dev.rethink.graph.study;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * A model lowered into a training and an inference tower: what {@link VariantGraph} wires to the optimizer and
 * exposes to the runtime.
 *
 * @param detector true for an R-CNN (detection inputs and outputs), false for a classifier
 * @param trainInputs the training tower's placeholders
 * @param dataLosses the data loss terms by name (weight decay comes from the optimizer)
 * @param updateOps moving-statistics updates of the training tower
 * @param evalInputs the inference tower's placeholders
 * @param evalOutputs the inference tower's outputs
 */
record Lowered(boolean detector, Map<InputKey, Operand<?>> trainInputs, Map<String, Operand<TFloat32>> dataLosses,
    List<Op> updateOps, Map<InputKey, Operand<?>> evalInputs, Map<OutputKey, Operand<?>> evalOutputs) {}
