package dev.rethink.dsl.eval;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import java.util.List;

/** Top-k classification accuracy for each k (reported as {@code top1}, {@code top5}, in percent). */
public record Accuracy(List<Integer> topK) implements MetricSpec {
  public Accuracy {
    if (SpecParts.checkNow()) {
      require(topK != null && !topK.isEmpty(), "topK", "needs at least one k (hint: List.of(1, 5))");
      for (int k : topK) {
        require(k >= 1, "topK", "k must be >= 1, was " + k);
      }
    }
    topK = topK == null ? null : List.copyOf(topK);
  }


  /** Top-1 and top-5. */
  public static Accuracy top1Top5() {
    return new Accuracy(List.of(1, 5));
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.accuracy(this);
  }
}
