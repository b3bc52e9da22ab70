/**
 * The bundled studies. Each class implements {@link dev.rethink.dsl.study.Study} with the DSL alone and is
 * registered in {@code META-INF/services/dev.rethink.dsl.study.Study}; run one with
 * {@code ./rethink run <ClassName> [--profile quick|paper]}.
 */
package dev.rethink.studies;
