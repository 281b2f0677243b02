/**
 * Scenario files and what they drive: the simulation of one training step on the whole cluster, and the planner that turns step times into GPU-hours, days and dollars per phase.
 * Composes the domain modules; it is the only one that knows all of them.
 */
package org.hourglass.scenarios;
