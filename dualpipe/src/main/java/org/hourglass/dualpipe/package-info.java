/**
 * Pipeline schedules as data (GPipe, 1F1B, interleaved 1F1B, ZB1P, DualPipe, DualPipeV), a checker that names the first broken rule, and an executor on the engine.
 * The executor measures makespan, bubbles and peak activation memory per rank.
 */
package org.hourglass.dualpipe;
