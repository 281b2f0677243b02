/**
 * What communication costs: point-to-point transfers, collectives, and MoE dispatch and combine with node-limited routing.
 * A closed form for sweeps, checked against a flow-level run on the engine's max-min fair network.
 */
package org.hourglass.comm;
