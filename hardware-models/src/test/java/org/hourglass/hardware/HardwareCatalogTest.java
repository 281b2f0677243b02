package org.hourglass.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareCatalogTest {
  private final HardwareCatalog catalog = HardwareCatalog.builtIn();

  @Test
  void h800MatchesTheDatasheetTable() {
    GpuSpec h800 = catalog.gpu("h800");
    assertEquals("h800-sxm", h800.name());
    assertEquals(132, h800.sms().asLong());
    assertEquals(1979e12, h800.fp8FlopsPerSecond().value());
    assertEquals(989e12, h800.bf16FlopsPerSecond().value());
    assertEquals(400e9, h800.nvlinkBytesPerSecond().value());
    assertEquals(80L << 30, h800.hbmBytes().asLong());
    assertFalse(h800.hbmBytes().source().isBlank());
  }

  @Test
  void aliasesAndFullNamesFindTheSameGpu() {
    assertEquals(catalog.gpu("h100").name(), catalog.gpu("H100-SXM").name());
    assertEquals("a100-80gb", catalog.gpu("a100").name());
  }

  @Test
  void everyBuiltInGpuHasSourcesAndSaneRatios() {
    assertEquals(6, catalog.gpus().size());
    for (GpuSpec g : catalog.gpus()) {
      assertTrue(g.bf16FlopsPerSecond().value() > g.fp32FlopsPerSecond().value(), g.name());
      assertTrue(!g.hasFp8() || g.fp8FlopsPerSecond().value() == 2 * g.bf16FlopsPerSecond().value()
          || Math.abs(g.fp8FlopsPerSecond().value() / g.bf16FlopsPerSecond().value() - 2) < 0.01, g.name());
      assertFalse(g.tdpWatts().source().isBlank(), g.name());
      assertTrue(g.rentalUsdPerGpuHour().source().matches(".*20\\d\\d.*"), g.name() + ": a price says when it was quoted");
      assertEquals(!g.architecture().equals("hopper"), g.extrapolation().isPresent(), g.name());
    }
    assertFalse(catalog.gpu("a100").hasFp8());
  }

  @Test
  void deepSeekClusterHas2048GpusAndTheReportsBandwidths() {
    ClusterSpec c = catalog.cluster("deepseek-v3-2048-h800");
    assertEquals(2048, c.gpus());
    assertEquals(Topology.MULTI_PLANE_FAT_TREE, c.topology());
    assertEquals(160e9, c.nvlinkAchievableBytesPerSecond().value());
    assertEquals(50e9, c.ibAchievableBytesPerSecond().value());
    assertEquals(50e9, c.node().nicBytesPerSecondPerGpu(), 1);
    assertEquals(3.2, c.nvlinkAchievableBytesPerSecond().value() / c.ibAchievableBytesPerSecond().value(), 1e-9);
    assertSame(Topology.MULTI_PLANE_FAT_TREE, Topology.parse(c.topology().spelling(), "t"));
  }

  @Test
  void everyCatalogClusterLoadsWithWholeNvlinkDomains() {
    for (String name : catalog.clusterNames()) {
      ClusterSpec c = catalog.cluster(name);
      assertEquals(0, c.gpus() % c.nvlinkDomainGpus(), name);
      assertEquals(0, c.nvlinkDomainGpus() % c.node().gpusPerNode(), name);
      assertTrue(c.node().watts().value() > c.node().gpusPerNode() * c.gpu().tdpWatts().value(), name + ": a node draws more than its GPUs");
      assertTrue(c.nvlinkAchievableBytesPerSecond().value() <= c.gpu().nvlinkBytesPerSecond().value() / 2, name + ": achievable is per direction");
    }
  }

  @Test
  void nvl72IsOneNvlinkDomainOfSeventyTwoAcrossTraysOfFour() {
    ClusterSpec c = catalog.cluster("gb200-nvl72");
    assertEquals(72, c.nvlinkDomainGpus());
    assertEquals(4, c.node().gpusPerNode());
    assertEquals("blackwell", c.gpu().architecture());
    assertTrue(c.gpu().extrapolation().orElseThrow().contains("extrapolated from Hopper"));
    assertEquals(Topology.RAIL_OPTIMISED_FAT_TREE, catalog.cluster("h100-ndr-rail").topology());
    assertEquals("roce", catalog.cluster("h100-roce").transport());
  }

  @Test
  void aDomainThatSplitsANodeIsRefused(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    String text = new String(HardwareCatalog.class.getResourceAsStream("/org/hourglass/hardware/catalog/clusters/gb200-nvl72.yaml").readAllBytes());
    Files.writeString(f, text.replace("nvlinkDomainGpus: 72", "nvlinkDomainGpus: 6"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> catalog.cluster(f.toString()));
    assertEquals("nvlinkDomainGpus", e.field());
    Files.writeString(f, text.replace("levels: 2", "levels: 5"));
    assertEquals("network.levels", assertThrows(InvalidInputException.class, () -> catalog.cluster(f.toString())).field());
    Files.writeString(f, text.replace("transport: infiniband", "transport: omnipath"));
    assertEquals("network.transport", assertThrows(InvalidInputException.class, () -> catalog.cluster(f.toString())).field());
  }

  @Test
  void unknownNamesAreClearErrors() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> catalog.gpu("h900"));
    assertEquals("gpu", e.field());
    assertTrue(e.getMessage().contains("h800-sxm"));
    assertThrows(InvalidInputException.class, () -> catalog.cluster("nope"));
  }

  @Test
  void aUsersGpuFileLoads(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("mine.yaml");
    Files.writeString(f, validGpu(""));
    GpuSpec g = catalog.gpu(f.toString());
    assertEquals("mine", g.name());
    assertEquals(1e15, g.bf16FlopsPerSecond().value());
  }

  @Test
  void missingAndNegativeFieldsNameTheField(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.yaml");
    Files.writeString(missing, validGpu("").replaceAll("(?m)^l2Bytes.*\n", ""));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> catalog.gpu(missing.toString()));
    assertEquals("l2Bytes", e.field());
    Path negative = dir.resolve("negative.yaml");
    Files.writeString(negative, validGpu("").replace("sms: {value: 100", "sms: {value: -4"));
    e = assertThrows(InvalidInputException.class, () -> catalog.gpu(negative.toString()));
    assertEquals("sms.value", e.field());
    Path noSource = dir.resolve("nosource.yaml");
    Files.writeString(noSource, validGpu("").replace("tdpWatts: {value: 500, source: x}", "tdpWatts: {value: 500}"));
    e = assertThrows(InvalidInputException.class, () -> catalog.gpu(noSource.toString()));
    assertEquals("tdpWatts.source", e.field());
  }

  @Test
  void aMissingFileIsAClearError() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> catalog.gpu("/no/such/gpu.yaml"));
    assertTrue(e.getMessage().contains("no such file"));
  }

  static String validGpu(String extra) {
    return """
        name: mine
        sms: {value: 100, source: x}
        fp8FlopsPerSecond: {value: 2e15, source: x}
        bf16FlopsPerSecond: {value: 1e15, source: x}
        fp32FlopsPerSecond: {value: 5e13, source: x}
        hbmBytes: {value: 1e11, source: x}
        hbmBytesPerSecond: {value: 4e12, source: x}
        l2Bytes: {value: 5e7, source: x}
        nvlinkBytesPerSecond: {value: 9e11, source: x}
        tdpWatts: {value: 500, source: x}
        architecture: hopper
        rentalUsdPerGpuHour: {value: 2.5, source: x}
        """ + extra;
  }
}
