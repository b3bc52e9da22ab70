/** A whole variant lowered to one training-and-inference graph. */
package dev.rethink.graph.study;
