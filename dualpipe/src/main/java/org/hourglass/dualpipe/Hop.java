package org.hourglass.dualpipe;

/** Where one stage of a route runs: the rank and the rank-local model chunk that holds it. */
public record Hop(int rank, int chunk) {}
