/**
 * Lowering of {@code dev.rethink.dsl.init}: initial values (MSRA fill, N(0, 0.01), constants) from stateless
 * random ops seeded by variant seed and variable name, and restoring a backbone from another variant's checkpoint.
 */
package dev.rethink.graph.init;
