package org.hourglass.parallelism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

class RankMapTest {
  private final RankMap deepSeek = new RankMap(16, 128, 64, 8);

  @Test
  void deepSeekLayoutSpansTheClusterAsTheReportDescribes() {
    assertEquals(2048, deepSeek.gpus());
    assertEquals(8, deepSeek.nodesPerExpertGroup());
    assertEquals(32, deepSeek.expertGroups());
    assertEquals(2, deepSeek.expertGroupsPerRank());
    // pipeline neighbours of one replica sit on different nodes
    for (int rank = 0; rank + 1 < 16; rank++) {
      assertTrue(deepSeek.node(deepSeek.gpu(rank, 5)) != deepSeek.node(deepSeek.gpu(rank + 1, 5)));
    }
  }

  @Test
  void anExpertGroupCoversWholeNodesAtOnePipelineRank() {
    Set<Integer> nodes = new HashSet<>();
    Set<Integer> ranks = new HashSet<>();
    for (int gpu = 0; gpu < deepSeek.gpus(); gpu++) {
      if (deepSeek.expertGroup(gpu) == 7) {
        nodes.add(deepSeek.node(gpu));
        ranks.add(deepSeek.pipelineRank(gpu));
      }
    }
    assertEquals(8, nodes.size());
    assertEquals(Set.of(3), ranks);
  }

  @Property
  void everyGpuHasExactlyOnePlace(@ForAll @IntRange(min = 1, max = 16) int pp,
      @ForAll @IntRange(min = 1, max = 8) int nodesPerRank, @ForAll @IntRange(min = 0, max = 3) int epShift) {
    int dp = nodesPerRank * 8;
    int ep = Math.min(dp, 8 << epShift);
    if (dp % ep != 0) {
      return;
    }
    RankMap map = new RankMap(pp, dp, ep, 8);
    Set<Integer> seen = new HashSet<>();
    for (int gpu = 0; gpu < map.gpus(); gpu++) {
      assertEquals(gpu, map.gpu(map.pipelineRank(gpu), map.replica(gpu)));
      assertTrue(seen.add(map.expertGroup(gpu) * ep + map.expertRank(gpu)));
    }
  }

  @Test
  void expertGroupsThatStraddleNodesAreRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new RankMap(4, 24, 12, 8));
    assertEquals("plan.ep", e.field());
    assertThrows(InvalidInputException.class, () -> new RankMap(4, 128, 48, 8));
  }
}
