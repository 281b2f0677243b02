/**
 * How the model is laid out on the cluster: pipeline, expert, data and tensor parallel degrees, ranks mapped to GPUs and nodes, layers split over stages.
 * Validates a layout against the cluster and the model and names what breaks.
 */
package org.hourglass.parallelism;
