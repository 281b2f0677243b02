/**
 * What each pipeline stage does and what it costs: layers split over stages by cost, every layer's
 * GEMMs, attention, memory-bound passes and routed experts priced from fp8-costs and comm-models,
 * the expert traffic of the routing draws, and the tensor-parallel collectives.
 */
package org.hourglass.parallelism.costs;
