/** Datasets and input transforms; read by {@code dev.rethink.runtime.data}. */
package dev.rethink.dsl.data;
