package org.hourglass.validation.reference;

import java.util.List;
import org.hourglass.comm.DeepEpCalibration;
import org.hourglass.comm.Fabric;

/**
 * DeepEP's normal-kernel bandwidth table against comm-models' all-to-all model on the DeepSeek-V3 fabric
 * ({@link DeepEpCalibration}): the achievable NVLink and RDMA fractions are fitted on two dispatch rows
 * (marked fitted); every other row and phase is predicted without having been seen (held-out).
 */
public final class DeepEpCase implements ReferenceCase {
  @Override
  public String table() {
    return "DeepEP bandwidth table";
  }

  @Override
  public String source() {
    return "github deepseek-ai/DeepEP docs/legacy.md, normal kernels on H800 + CX7 IB (profiles/published/deepep-h800.csv)";
  }

  @Override
  public List<Comparison> compare() {
    DeepEpCalibration calibration = new DeepEpCalibration(Fabric.H800_DEEPSEEK_V3);
    return calibration.compare(calibration.fit()).stream().map(this::row).toList();
  }

  private Comparison row(DeepEpCalibration.Comparison c) {
    String name = String.format("DeepEP %s %s (bound by %s)", c.row().label(), c.phase().name().toLowerCase(java.util.Locale.ROOT),
        c.bottleneck());
    return Comparison.of(name, table(), c.predictedGBps(), c.publishedGBps(), "GB/s", source())
        .withFit(c.fitted() ? Comparison.FITTED : Comparison.HELD_OUT);
  }
}
