package org.hourglass.dualpipe;

/** An op as it ran: when it started and ended, in picoseconds. */
public record TimedOp(Op op, long startPs, long endPs) {}
