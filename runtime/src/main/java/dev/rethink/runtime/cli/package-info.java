/**
 * The {@code rethink} command line ({@link dev.rethink.runtime.cli.Rethink}): {@code list}, {@code describe},
 * {@code run}, {@code eval}, {@code bench} and {@code report}. The commands parse arguments (Commons CLI), pick
 * the Guice modules a run needs and map failures to exit codes: 0 ok, 1 runtime failure, 2 usage or spec error.
 */
package dev.rethink.runtime.cli;
