/**
 * The study DSL: immutable, validated records describing every choice of a study variant — architecture,
 * normalization, initialization, schedule, data and evaluation. Nothing here depends on TensorFlow; the
 * {@code graph} module lowers each spec and the {@code runtime} module runs it.
 *
 * <p>Closed choices are sealed interfaces with a visitor, so a new variant that nobody lowers fails to
 * compile. Every spec round-trips through JSON ({@link dev.rethink.dsl.Json}).
 */
package dev.rethink.dsl;
