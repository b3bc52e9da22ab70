/** Studies for the runtime's tests, registered through {@code src/test/resources/META-INF/services}. */
package dev.rethink.runtime.testing;
