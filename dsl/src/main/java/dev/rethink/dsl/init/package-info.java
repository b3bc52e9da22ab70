/** Initialization: MSRA scratch or weights from another variant / a checkpoint, and frozen stages. */
package dev.rethink.dsl.init;
