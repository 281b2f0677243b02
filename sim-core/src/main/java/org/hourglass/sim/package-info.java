/**
 * The discrete-event engine: simulated time as an integer count of picoseconds, a pending-event set, FIFO servers, a max-min fair flow network, named seeded random streams and a span recorder.
 * It knows no domain; every other module builds its models on these pieces.
 */
package org.hourglass.sim;
