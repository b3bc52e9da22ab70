/**
 * Studies: a named set of variants, each a full training-and-evaluation spec, defined at a {@link
 * dev.rethink.dsl.study.Profile} (the bundled quick or paper scale, or one a study names). User studies implement {@link
 * dev.rethink.dsl.study.Study} and are found through {@link java.util.ServiceLoader}.
 */
package dev.rethink.dsl.study;
