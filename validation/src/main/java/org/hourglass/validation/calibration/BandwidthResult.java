package org.hourglass.validation.calibration;

/**
 * The best bandwidth a data-movement kernel reached over its sizes, against the datasheet: a measured
 * HBM (or link) bandwidth the simulator can use directly, since a streaming copy is what the hardware
 * can sustain (McCalpin's STREAM argument).
 *
 * @param kernel the kernel
 * @param measuredBytesPerSecond the highest median achieved over the sizes measured
 * @param datasheet the datasheet figure it is compared with, or null where none is known
 * @param fractionOfDatasheet measured over datasheet, or NaN where none is known
 */
public record BandwidthResult(String kernel, double measuredBytesPerSecond, Peak datasheet, double fractionOfDatasheet) {}
