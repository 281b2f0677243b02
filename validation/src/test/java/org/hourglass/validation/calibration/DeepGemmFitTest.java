package org.hourglass.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fit on DeepGEMM's published H800 table (profiles/published/deepgemm-h800.csv). Measured when
 * written: eMax 0.638, i0 467 FLOP/B, R^2 0.950, RMS relative error 14.6%; bounds below are loose
 * around those, and the physical checks (plateau below 1, implied bandwidth below HBM) could fail.
 */
class DeepGemmFitTest {
  static Path published(String name) {
    return Path.of(System.getProperty("hourglass.profiles", "../profiles"), "published", name);
  }

  private static final MeasurementSet TABLE = DeepGemmTable.read(published("deepgemm-h800.csv"));
  private static final CurveFit FIT = new Calibrator(Map.of()).calibrate(TABLE).fits().get(0);

  @Test
  void theTableHas28RowsWithTheirSources() {
    assertEquals(28, TABLE.measurements().size());
    assertTrue(TABLE.sources().stream().anyMatch(s -> s.contains("DeepGEMM")), TABLE.sources().toString());
    assertEquals(1979e12, TABLE.datasheetPeaks().get("fp8-e4m3").perSecond(), 1e9);
  }

  @Test
  void byteCountingMatchesDeepGemmsOwnBandwidthColumn() {
    List<Double> gbps = DeepGemmTable.publishedGbps(published("deepgemm-h800.csv"));
    for (int i = 0; i < gbps.size(); i++) {
      Measurement m = TABLE.measurements().get(i);
      assertEquals(gbps.get(i), m.achievedGbps(), 0.01 * gbps.get(i), m.shape().toString());
    }
  }

  @Test
  void fitQualityIsWhatWasMeasured() {
    assertTrue(FIT.rSquared() > 0.93, "R^2 " + FIT.rSquared());
    assertTrue(FIT.rmsRelativeError() < 0.18, "RMS rel " + FIT.rmsRelativeError());
    assertEquals(28, FIT.points());
  }

  @Test
  void parametersArePhysical() {
    assertTrue(FIT.eMax() > 0.5 && FIT.eMax() < 1, "eMax " + FIT.eMax());
    assertTrue(FIT.i0FlopsPerByte() > 200 && FIT.i0FlopsPerByte() < 900, "i0 " + FIT.i0FlopsPerByte());
    double hbm = TABLE.datasheetPeaks().get(MeasurementSet.HBM).perSecond();
    assertTrue(FIT.impliedBandwidthBytesPerSecond() < hbm, "implied " + FIT.impliedBandwidthBytesPerSecond());
    assertTrue(FIT.impliedBandwidthBytesPerSecond() > 0.5 * hbm, "implied " + FIT.impliedBandwidthBytesPerSecond());
  }

  @Test
  void predictionsNeverExceedTheCeilingNorThePeak() {
    for (double i = 1; i < 1e6; i *= 1.5) {
      double rate = FIT.predictedFlopsPerSecond(i);
      assertTrue(rate <= FIT.ceiling().perSecond() && rate < 1979e12, "at " + i);
    }
    assertEquals("measured", FIT.ceiling().kind());
  }

  @Test
  void aPublishedCeilingIsUsedAndRecordedAsSuch() {
    Peak published = new Peak(1550e12, Peak.FLOPS, "published", "DeepGEMM README news 2025-04-18: up to 1550 TFLOPS on H800");
    CurveFit f = new Calibrator(Map.of("fp8-e4m3", published)).calibrate(TABLE).fits().get(0);
    assertEquals(published, f.ceiling());
    assertEquals(FIT.i0FlopsPerByte(), f.i0FlopsPerByte(), 1e-9);
    assertEquals(1550e12 * f.curve().shapeAt(4000), f.predictedFlopsPerSecond(4000), 1);
  }
}
