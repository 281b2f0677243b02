/**
 * Calibration and validation: microbenchmarks run on real GPUs through JCuda fitted into calibration profiles, and the simulator's predictions compared with published figures.
 * Where there is no GPU it says so plainly; nothing here is needed to plan.
 */
package org.hourglass.validation;
