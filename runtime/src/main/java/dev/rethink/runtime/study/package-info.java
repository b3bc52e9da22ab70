/**
 * Finding studies: the bundled ones and any on the class path through {@link java.util.ServiceLoader}, and a
 * study given as a {@code .java} file, compiled in-process against the running class path; and defining them,
 * where a failure of a study's own code names the line of its source.
 */
package dev.rethink.runtime.study;
