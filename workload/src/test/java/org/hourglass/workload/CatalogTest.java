package org.hourglass.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  @Test
  void everyBuiltInModelLoadsAndNamesItsSource() {
    for (String name : ModelCatalog.modelNames()) {
      Architecture a = ModelCatalog.model(name);
      assertEquals(name, a.name());
      assertTrue(a.source().contains("config"), name);
    }
  }

  @Test
  void deepSeekV3IsDescribedAsPublished() {
    Architecture v3 = ModelCatalog.model("deepseek-v3");
    assertEquals(AttentionKind.MLA, v3.attention().kind());
    assertEquals(58, v3.moeLayers());
    assertEquals(4, v3.moe().orElseThrow().groupsPerToken());
    assertEquals(1, v3.mtpDepth());
    assertEquals(192, v3.attention().qkHeadDim());
  }

  @Test
  void deepSeekRecipeHasTheRampAndPhases() {
    TrainingRecipe r = ModelCatalog.recipe("deepseek-v3");
    assertEquals(3072, r.batchRamp().sequencesAt(0));
    assertEquals(15360, r.batchRamp().sequencesAt(469e9));
    assertEquals(15360, r.batchRamp().sequencesAt(1e13));
    assertTrue(r.batchRamp().sequencesAt(200e9) > 3072 && r.batchRamp().sequencesAt(200e9) < 15360);
    assertEquals(2, r.contextExtension().size());
    assertEquals(131072, r.contextExtension().get(1).sequenceLength());
    assertEquals(32768.0 * 1920 * 1000 + 131072.0 * 480 * 1000, r.contextExtensionTokens());
    assertEquals(DType.FP8, r.precision().gemm());
    assertEquals(8, r.precision().optimizerStateBytesPerParameter());
    assertEquals(Recomputation.DEEPSEEK_V3, r.recomputation());
  }

  @Test
  void unknownModelIsAClearError() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelCatalog.model("gpt-5"));
    assertEquals("model", e.field());
    assertTrue(e.getMessage().contains("deepseek-v3"));
  }

  @Test
  void aUsersModelFileLoadsAndBadFieldsAreNamed(@TempDir Path dir) throws IOException {
    String good = """
        name: tiny
        source: "hand-written config"
        vocabSize: 1000
        hiddenSize: 64
        layers: 2
        denseIntermediateSize: 256
        tieEmbeddings: true
        attention: {kind: gqa, heads: 4, kvHeads: 2, headDim: 16}
        """;
    Path f = dir.resolve("tiny.yaml");
    Files.writeString(f, good);
    Architecture tiny = ModelCatalog.model(f.toString());
    ParameterCounts c = ParameterCounts.of(tiny);
    long perLayer = 64L * 64 * 2 + 64L * 32 * 2 + 3L * 64 * 256 + 2 * 64;
    assertEquals(1000L * 64 + 2 * perLayer + 64, c.total());
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, good.replace("kvHeads: 2", "kvHeads: 3"));
    assertEquals("attention.kvHeads", assertThrows(InvalidInputException.class, () -> ModelCatalog.model(bad.toString())).field());
    Path negative = dir.resolve("neg.yaml");
    Files.writeString(negative, good.replace("layers: 2", "layers: -2"));
    assertEquals("layers", assertThrows(InvalidInputException.class, () -> ModelCatalog.model(negative.toString())).field());
  }

  @Test
  void kvEquivalentsOrderMhaAboveGqaAboveMla() {
    Architecture v3 = ModelCatalog.model("deepseek-v3");
    long mha = KvCache.equivalentBytesPerToken(v3, AttentionKind.MHA, 0, DType.BF16);
    long gqa = KvCache.equivalentBytesPerToken(v3, AttentionKind.GQA, 8, DType.BF16);
    assertEquals(128L * 320 * 61 * 2, mha);
    assertTrue(mha > gqa && gqa > KvCache.bytesPerToken(v3, DType.BF16));
    assertEquals(KvCache.bytesPerToken(ModelCatalog.model("qwen-2.5-72b"), DType.BF16),
        KvCache.equivalentBytesPerToken(ModelCatalog.model("qwen-2.5-72b"), AttentionKind.GQA, 8, DType.BF16));
  }

  @Test
  void aRecipeWhoseRampShrinksOrOutlastsTheRunIsRefusedNamingBothFields(@TempDir Path dir) throws IOException {
    String recipe = "name: r\nmodel: deepseek-v3\nsource: t\ntokens: 1e9\nsequenceLength: 4096\n"
        + "batchRamp: {fromSequences: FROM, toSequences: 15360, overTokens: OVER}\ncontextExtension: []\n"
        + "postTraining: {sftSamples: 0, sftEpochs: 0}\nprecision: {gemm: fp8_e4m3, attention: bf16, "
        + "workingWeights: bf16, masterWeights: fp32, gradients: fp32, optimizerMoments: bf16}\n"
        + "recomputation: deepseek-v3\ndataParallelSharding: zero1\n";
    Path shrinking = dir.resolve("shrinking.yaml");
    Files.writeString(shrinking, recipe.replace("FROM", "20000").replace("OVER", "1e8"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelCatalog.recipe(shrinking.toString()));
    assertEquals("batchRamp.fromSequences", e.field());
    assertTrue(e.getMessage().contains("batchRamp.toSequences"), e.getMessage());
    Path long_ = dir.resolve("long.yaml");
    Files.writeString(long_, recipe.replace("FROM", "3072").replace("OVER", "1e10"));
    assertEquals("batchRamp.overTokens",
        assertThrows(InvalidInputException.class, () -> ModelCatalog.recipe(long_.toString())).field());
    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(unknown, recipe.replace("FROM", "3072").replace("OVER", "1e8") + "recomputaton: full\n");
    assertEquals("recomputaton",
        assertThrows(InvalidInputException.class, () -> ModelCatalog.recipe(unknown.toString())).field());
  }
}
