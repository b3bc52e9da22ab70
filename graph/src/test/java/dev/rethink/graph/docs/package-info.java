/** Tests that keep the README's graph example true: it is compiled and run as written. */
package dev.rethink.graph.docs;
