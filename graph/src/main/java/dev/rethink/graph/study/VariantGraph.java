package dev.rethink.graph.study;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.ModelSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.grad.CustomGradients;
import dev.rethink.graph.init.BackboneRestorer;
import dev.rethink.graph.init.Initializers;
import dev.rethink.graph.model.Classifier;
import dev.rethink.graph.optim.MomentumSgd;
import dev.rethink.graph.schedule.LearningRate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A variant lowered into one {@link Graph} — a training tower (batch statistics, loss, in-graph LR, momentum SGD,
 * moving-statistics updates) and an inference tower sharing its variables. Layout is NHWC everywhere (MaxPool in
 * NCHW does not run on CPU).
 *
 * <p>Graph layout: placeholders {@code images}, {@code labels}, {@code eval_images}; training ops under
 * {@code train/}, inference ops under {@code inference/}; variables by path ({@code backbone/...},
 * {@code head/fc/...}, {@code global_step}, {@code optimizer/momentum/...}), which are also their checkpoint
 * keys ({@code Session.save} writes them all); {@code sgd/loss}, {@code sgd/train_op}, {@code initializer}.
 *
 * <p>Use: build, open a {@link Session}, run {@link #initializer()}; for a variant whose {@code init.weights} is
 * {@code FromVariant} / {@code FromCheckpoint}, then call {@link #restoreBackbone}; then run {@link #trainOp()}
 * feeding {@link #images()} and {@link #labels()}, and fetch {@link #evalLogits()} feeding {@link #evalImages()}.
 * Building takes no session and well under a second for ResNet-50 once TensorFlow is loaded.
 */
public final class VariantGraph {
  /** Name of the global step variable. */
  public static final String GLOBAL_STEP = "global_step";
  /** Name of the classification loss term. */
  public static final String CLS = "cls";

  private final VariantSpec variant;
  private final Ops tf;
  private final VariableStore store;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final Placeholder<TFloat32> evalImages;
  private final Operand<TFloat32> evalLogits;
  private final Operand<TInt64> globalStep;
  private final Operand<TFloat32> learningRate;
  private final MomentumSgd.Step step;
  private final Op initializer;
  private BackboneRestorer restorer;

  private VariantGraph(VariantSpec variant, Ops tf, VariableStore store, Placeholder<TFloat32> images,
      Placeholder<TInt32> labels, Placeholder<TFloat32> evalImages, Operand<TFloat32> evalLogits,
      Operand<TInt64> globalStep, Operand<TFloat32> learningRate, MomentumSgd.Step step, Op initializer) {
    this.variant = variant;
    this.tf = tf;
    this.store = store;
    this.images = images;
    this.labels = labels;
    this.evalImages = evalImages;
    this.evalLogits = evalLogits;
    this.globalStep = globalStep;
    this.learningRate = learningRate;
    this.step = step;
    this.initializer = initializer;
  }

  /** Builds the variant's graph into {@code graph}; graph building takes no Session. */
  public static VariantGraph build(Graph graph, VariantSpec variant) {
    CustomGradients.registerAll();
    ClassifierSpec classifier = variant.model().accept(new ModelSpec.Visitor<ClassifierSpec>() {
      @Override
      public ClassifierSpec classifier(ClassifierSpec spec) {
        return spec;
      }
    });
    int size = variant.input().accept(new InputSpec.Visitor<Integer>() {
      @Override
      public Integer classification(ClassificationInput spec) {
        return spec.size();
      }

      @Override
      public Integer detection(DetectionInput spec) {
        throw new IllegalArgumentException("variants[" + variant.name() + "].input: a classifier needs a"
            + " ClassificationInput, got " + spec);
      }
    });
    int freezeAt = variant.init().freezeAt();
    Ops tf = GraphOps.create(graph);
    VariableStore store = new VariableStore(tf, variant.seed());
    Shape imageShape = Shape.of(-1, size, size, 3);

    Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class,
        Placeholder.shape(imageShape));
    Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Tower train = Tower.training(tf.withSubScope("train"), store);
    Operand<TFloat32> logits = Classifier.logits(train.root(), images, classifier, freezeAt);
    Operand<TFloat32> cls = train.root().tf().withName(CLS).identity(
        Classifier.loss(train.root().tf(), logits, labels));

    Placeholder<TFloat32> evalImages = tf.withName("eval_images").placeholder(TFloat32.class,
        Placeholder.shape(imageShape));
    Tower inference = Tower.inference(tf.withSubScope("inference"), store);
    Operand<TFloat32> evalLogits = tf.withName("eval_logits").identity(
        Classifier.logits(inference.root(), evalImages, classifier, freezeAt));

    Variable<TInt64> step = store.variable(GLOBAL_STEP, Shape.scalar(), TInt64.class, VariableRole.GLOBAL_STEP,
        false, Initializers.zeros());
    Operand<TFloat32> lr = tf.withName("learning_rate").identity(
        LearningRate.build(tf.withSubScope("schedule"), step, variant.schedule()));
    MomentumSgd.Step sgd = MomentumSgd.minimize(tf.withSubScope("sgd"), store, Map.of(CLS, cls), lr,
        variant.optimizer(), train.updateOps(), step);
    Op init = store.initializer();
    return new VariantGraph(variant, tf, store, images, labels, evalImages, evalLogits,
        tf.withName("global_step_value").identity(step), lr, sgd, init);
  }

  /** The variant this graph lowers. */
  public VariantSpec variant() {
    return variant;
  }

  /** Training images, float32 [batch, height, width, 3], already normalized. */
  public Operand<TFloat32> images() {
    return images;
  }

  /** Training labels, int32 [batch], 0-based class indices. */
  public Operand<TInt32> labels() {
    return labels;
  }

  /** Total training loss (data terms + weight decay), scalar. */
  public Operand<TFloat32> loss() {
    return step.loss();
  }

  /** Each loss term by name ({@code cls}, {@code weight_decay}, ...), scalars, summing to {@link #loss()}. */
  public Map<String, Operand<TFloat32>> lossTerms() {
    return step.lossTerms();
  }

  /** The gradient of {@link #loss()} for each trainable variable, by variable name (for diagnostics). */
  public Map<String, Operand<TFloat32>> gradients() {
    return step.gradients();
  }

  /** The LR of the current step (computed in-graph from the global step), scalar. */
  public Operand<TFloat32> learningRate() {
    return learningRate;
  }

  /** The global step (int64 variable), read value. */
  public Operand<TInt64> globalStep() {
    return globalStep;
  }

  /** One SGD step: applies gradients, updates moving statistics, increments the global step. */
  public Op trainOp() {
    return step.trainOp();
  }

  /** Inference images, float32 [batch, height, width, 3]. */
  public Operand<TFloat32> evalImages() {
    return evalImages;
  }

  /** Inference logits, float32 [batch, classes], using moving statistics. */
  public Operand<TFloat32> evalLogits() {
    return evalLogits;
  }

  /** Initializes every variable (MSRA init etc.) and the global step to 0. */
  public Op initializer() {
    return initializer;
  }

  /**
   * Every variable, in creation order: the model's (backbone, head), the global step and the momentum buffers
   * ({@code optimizer/momentum/<variable>}).
   */
  public List<VariableInfo> variables() {
    return store.all().stream()
        .map(v -> new VariableInfo(v.name(), v.shape().asArray(), v.trainable(), v.inBackbone()))
        .toList();
  }

  /** Number of trainable scalars. */
  public long trainableParameterCount() {
    return store.all().stream().filter(ModelVariable::trainable).mapToLong(ModelVariable::size).sum();
  }

  /**
   * Overwrites the backbone's variables from a checkpoint prefix written by {@link Session#save(String)} of
   * another variant's graph, honouring the frozen stages; fails naming the first missing or mis-shaped variable.
   * Every backbone variable is restored — weights, norm parameters and moving statistics, frozen stages included
   * (their values must come from the checkpoint); the head, the step and the momentum buffers are not.
   */
  public void restoreBackbone(Session session, Path checkpointPrefix) {
    if (restorer == null) {
      List<ModelVariable> backbone = store.all().stream()
          .filter(v -> v.inBackbone() && v.role().modelState()).toList();
      restorer = new BackboneRestorer(tf.withSubScope("restore_backbone"), backbone);
    }
    restorer.restore(session, checkpointPrefix);
  }

  /** A variable of the graph. */
  public record VariableInfo(String name, long[] shape, boolean trainable, boolean backbone) {}
}
