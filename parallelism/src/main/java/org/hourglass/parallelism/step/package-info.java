/**
 * One training step on sim-core: every GPU's compute and communication streams follow the pipeline
 * schedule, expert-parallel all-to-alls meet as rendezvous, and every idle picosecond of compute is
 * charged to a reason.
 */
package org.hourglass.parallelism.step;
