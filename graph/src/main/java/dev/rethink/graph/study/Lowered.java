package dev.rethink.graph.study;

import dev.rethink.graph.optim.MomentumSgd;
import java.util.Map;
import org.tensorflow.Operand;

/**
 * A model lowered into a training and an inference tower: what {@link VariantGraph} wires to the optimizer and
 * exposes to the runtime.
 *
 * @param detector true for an R-CNN (detection inputs and outputs), false for a classifier
 * @param trainInputs the training tower's placeholders
 * @param passes the training towers as the optimizer's passes: their data loss terms (weight decay comes from the
 *     optimizer) and moving-statistics updates
 * @param evalInputs the inference tower's placeholders
 * @param evalOutputs the inference tower's outputs
 */
record Lowered(boolean detector, Map<InputKey, Operand<?>> trainInputs, MomentumSgd.Passes passes,
    Map<InputKey, Operand<?>> evalInputs, Map<OutputKey, Operand<?>> evalOutputs) {}
