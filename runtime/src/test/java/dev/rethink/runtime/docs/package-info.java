/** Tests that keep the README's examples true: they are compiled and run as written. */
package dev.rethink.runtime.docs;
