/**
 * What a user asks: scenario files and their loader, and what turns a scenario into answers — the
 * run planner (phases to GPU-hours, days and dollars), sweeps and the search for the cheapest plan.
 * The step it prices each phase with is {@code parallelism}'s.
 */
package org.hourglass.scenarios;
