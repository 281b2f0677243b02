package org.hourglass.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The energy of a training run, per phase and in total. IT energy is node-hours times the node's
 * power at full load (its catalog figure: GPUs, CPUs, NICs and fans; scale-out switches not counted),
 * an upper bound since a training node rarely holds full load; facility energy multiplies it by the
 * scenario's PUE and is priced at its dollars per kWh. Without an {@code energy} block only the IT
 * energy is known.
 *
 * @param itKwhByPhase kWh drawn by the nodes in each phase, in plan order
 * @param facilityKwh the run's kWh at the meter (IT times PUE), where a PUE is given
 * @param costUsd the facility energy's price, where a price is given
 */
public record RunEnergy(Map<String, Double> itKwhByPhase, double itKwh, Optional<Double> facilityKwh,
    Optional<Double> costUsd, String source) {

  static RunEnergy of(Scenario scenario, Iterable<PhaseResult> phases) {
    var cluster = scenario.cluster();
    double kwPerGpu = cluster.nodeWatts() / cluster.gpusPerNode() / 1000;
    Map<String, Double> byPhase = new LinkedHashMap<>();
    double total = 0;
    for (PhaseResult phase : phases) {
      double kwh = phase.gpuHours() * kwPerGpu;
      byPhase.put(phase.name(), kwh);
      total += kwh;
    }
    Optional<EnergyPrice> price = scenario.energy();
    double it = total;
    String source = "node power " + Math.round(cluster.nodeWatts()) + " W per " + cluster.gpusPerNode() + " GPUs at full load ("
        + cluster.nodeWattsSource() + ")" + price.map(p -> "; " + p.source()).orElse("; no energy block: facility energy and its cost not priced");
    return new RunEnergy(byPhase, it, price.map(p -> it * p.pue()), price.map(p -> it * p.pue() * p.usdPerKwh()), source);
  }
}
