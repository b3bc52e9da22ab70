/** What a variant is evaluated with, and how often; computed by {@code dev.rethink.runtime.eval}. */
package dev.rethink.dsl.eval;
