package dev.rethink.dsl.init;

/**
 * Random init from scratch: convolution weights ~ N(0, 2 / fan_out) (He et al., 2015), Caffe2's / Detectron's
 * {@code MSRAFill} ({@code c2_msra_fill}: normal, fan-out, gain 2); biases 0; norm scales 1 and shifts 0.
 */
public record MsraFill() implements WeightsSpec {
  @Override
  public boolean scratch() {
    return true;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.msraFill(this);
  }
}
