/** Learning-rate schedules: linear warm-up and multi-step decay, and the paper's "Nx" rule. */
package dev.rethink.dsl.schedule;
