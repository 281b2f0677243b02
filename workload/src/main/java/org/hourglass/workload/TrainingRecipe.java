package org.hourglass.workload;

import java.util.List;
import org.hourglass.hardware.SpecNode;
import org.hourglass.sim.InvalidInputException;

/**
 * How a model is trained: pre-training tokens at one sequence length with a batch ramp, long-context
 * extension phases, post-training, the precision of each part and what is recomputed.
 *
 * @param name catalog name
 * @param model the model it trains
 * @param source where the figures come from
 * @param tokens pre-training tokens
 * @param sequenceLength pre-training sequence length
 * @param batchRamp global batch schedule of pre-training
 * @param contextExtension long-context phases, in order
 * @param sftSamples supervised fine-tuning samples
 * @param sftEpochs supervised fine-tuning epochs
 * @param reinforcement RL algorithm of post-training
 * @param precision formats per part
 * @param recomputation what the backward pass reruns
 * @param dataParallelSharding what data parallelism shards (optimizer states; gradients too)
 * @param stageSplit how blocks are cut into pipeline stages ({@code stageSplit}, balanced by cost
 *     where the recipe publishes no rule)
 */
public record TrainingRecipe(
    String name,
    String model,
    String source,
    double tokens,
    int sequenceLength,
    BatchRamp batchRamp,
    List<TrainingPhase> contextExtension,
    double sftSamples,
    int sftEpochs,
    String reinforcement,
    Precision precision,
    Recomputation recomputation,
    DataParallelSharding dataParallelSharding,
    StageSplit stageSplit) {

  /** Reads a recipe file. */
  public static TrainingRecipe read(SpecNode n) {
    TrainingRecipe recipe = readFields(n);
    if (recipe.batchRamp().overTokens() > recipe.tokens()) {
      throw new InvalidInputException(n.child("batchRamp").fieldPath("overTokens"), recipe.batchRamp().overTokens()
          + " tokens of ramp exceed the run's " + n.fieldPath("tokens") + " = " + recipe.tokens());
    }
    return recipe;
  }

  private static TrainingRecipe readFields(SpecNode n) {
    SpecNode post = n.child("postTraining");
    return new TrainingRecipe(n.text("name"), n.text("model"), n.text("source"), n.positive("tokens"),
        n.positiveInt("sequenceLength"), BatchRamp.read(n.child("batchRamp")),
        n.children("contextExtension").stream().map(TrainingPhase::read).toList(),
        post.nonNegative("sftSamples"), post.nonNegativeInt("sftEpochs"), post.text("rl", "none"),
        Precision.read(n.child("precision")),
        Recomputation.parse(n.text("recomputation"), n.fieldPath("recomputation")),
        DataParallelSharding.parse(n.text("dataParallelSharding"), n.fieldPath("dataParallelSharding")),
        StageSplit.parse(n.text("stageSplit", StageSplit.BALANCED.spelling()), n.fieldPath("stageSplit")));
  }

  /** Tokens of all context-extension phases. */
  public double contextExtensionTokens() {
    return contextExtension.stream().mapToDouble(TrainingPhase::tokens).sum();
  }
}
