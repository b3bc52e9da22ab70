/**
 * Who may run in a run directory and how a run stops: {@link dev.rethink.runtime.train.control.RunLock} (one
 * process per run directory, released by the OS when that process dies) and
 * {@link dev.rethink.runtime.train.control.GracefulStop} (SIGINT / SIGTERM finish the current step, write a
 * checkpoint and exit).
 */
package dev.rethink.runtime.train.control;
