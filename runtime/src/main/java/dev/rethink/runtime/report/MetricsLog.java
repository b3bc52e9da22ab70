package dev.rethink.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A variant's {@code metrics.jsonl}: one JSON object per line, flushed as written so that a crashed or running
 * variant's curve can be read. Training lines are
 * {@code {"step", "loss", "loss_<term>"..., "lr", "images_per_sec", "data_wait", "time"}}, evaluation lines
 * {@code {"step", "eval": {...}}}. A line that cannot be written (a full disk) does not stop training: the log
 * stops there, says so once ({@link #failure()}), and the variant's summary still carries its final metrics.
 */
public final class MetricsLog implements AutoCloseable {
  static final String STEP = "step";
  static final String LOSS = "loss";
  static final String TERM_PREFIX = "loss_";
  static final String LR = "lr";
  static final String IMAGES_PER_SEC = "images_per_sec";
  static final String DATA_WAIT = "data_wait";
  static final String TIME = "time";
  static final String EVAL = "eval";

  private static final Logger LOG = LoggerFactory.getLogger(MetricsLog.class);

  /** One line per object: not the indenting spec mapper. */
  private static final ObjectMapper LINES = JsonMapper.builder().build();

  private final Path file;
  private final BufferedWriter out;
  /** The evaluations already in the file (kept by {@link #resume}), by step. */
  private final Map<Long, Map<String, Double>> evaluations;
  private String failure;

  private MetricsLog(Path file, BufferedWriter out, Map<Long, Map<String, Double>> evaluations) {
    this.file = file;
    this.out = out;
    this.evaluations = evaluations;
  }

  /** Creates (or truncates) the file. */
  public static MetricsLog create(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return new MetricsLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8), new LinkedHashMap<>());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  /**
   * Continues the file of a variant resumed from the checkpoint at {@code step}: the lines after that step (written
   * by the process that was stopped, and about to be recomputed) are dropped, atomically, and new lines are
   * appended.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed line
   */
  public static MetricsLog resume(Path file, long step) {
    Map<Long, Map<String, Double>> evaluations = new LinkedHashMap<>();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        List<String> kept = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String text = lines.get(i);
          if (text.isBlank()) {
            continue;
          }
          JsonNode line;
          try {
            line = LINES.readTree(text);
          } catch (JsonProcessingException e) {
            if (i == lines.size() - 1) {
              break; // the last line, cut short by a kill
            }
            throw new IllegalArgumentException(file + ":" + (i + 1) + ": malformed JSON: " + e.getOriginalMessage(),
                e);
          }
          if (line.path(STEP).asLong(Long.MAX_VALUE) <= step) {
            kept.add(text);
            if (line.has(EVAL)) {
              evaluations.put(line.get(STEP).asLong(), numbers(line.get(EVAL), file + ":" + (i + 1)));
            }
          }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, kept, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return new MetricsLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), evaluations);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume " + file, e);
    }
  }

  /** Appends a training line. */
  public void training(TrainingRecord r) {
    ObjectNode line = LINES.createObjectNode();
    line.put(STEP, r.step());
    line.put(LOSS, r.loss());
    r.terms().forEach((name, value) -> line.put(TERM_PREFIX + name, value));
    line.put(LR, r.learningRate());
    line.put(IMAGES_PER_SEC, r.imagesPerSecond());
    line.put(DATA_WAIT, r.dataWait());
    line.put(TIME, r.seconds());
    write(line);
  }

  /**
   * The metrics of the evaluation at {@code step} if the file already holds one: a resumed variant reuses it
   * instead of evaluating (and recording) the same weights twice.
   */
  public Optional<Map<String, Double>> evaluationAt(long step) {
    return Optional.ofNullable(evaluations.get(step));
  }

  /** Appends an evaluation line. */
  public void evaluation(EvalRecord r) {
    evaluations.put(r.step(), r.metrics());
    ObjectNode line = LINES.createObjectNode();
    line.put(STEP, r.step());
    ObjectNode metrics = line.putObject(EVAL);
    r.metrics().forEach(metrics::put);
    write(line);
  }

  private void write(ObjectNode line) {
    if (failure != null) {
      return;
    }
    try {
      out.write(LINES.writeValueAsString(line));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      failed("the line of step " + line.path(STEP).asLong() + " and those after it were not written", e);
    }
  }

  private void failed(String what, IOException e) {
    failure = file + ": " + what + " (" + e.getMessage() + ")";
    LOG.warn("{}; training goes on, the summary keeps the final metrics", failure);
  }

  /** Why lines were lost, naming the file and the first step lost, if a write failed. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      if (failure == null) {
        failed("its last lines may not have been written", e);
      }
    }
  }

  /** The lines of a {@code metrics.jsonl}, split by kind. */
  public record Contents(List<TrainingRecord> training, List<EvalRecord> evaluations) {
    public Contents {
      training = List.copyOf(training);
      evaluations = List.copyOf(evaluations);
    }
  }

  /**
   * Reads a {@code metrics.jsonl}; a missing file reads as empty (the variant never started), and a last line cut
   * short (no newline, not JSON) is left out.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed line
   */
  public static Contents read(Path file) {
    List<TrainingRecord> training = new ArrayList<>();
    List<EvalRecord> evaluations = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Contents(training, evaluations);
    }
    String all;
    try {
      all = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<String> lines = all.lines().toList();
    // Every line is written with its newline: a last line without one was cut short (a kill, a full disk).
    boolean cutShort = !all.isEmpty() && !all.endsWith("\n");
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isBlank()) {
        continue;
      }
      String where = file + ":" + (i + 1);
      JsonNode line;
      try {
        line = LINES.readTree(text);
      } catch (JsonProcessingException e) {
        if (cutShort && i == lines.size() - 1) {
          break;
        }
        throw new IllegalArgumentException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
      }
      if (!line.isObject() || !line.path(STEP).canConvertToLong()) {
        throw new IllegalArgumentException(where + ": expected an object with a numeric \"step\", got " + text);
      }
      long step = line.get(STEP).asLong();
      if (line.has(EVAL)) {
        evaluations.add(new EvalRecord(step, numbers(line.get(EVAL), where)));
      } else if (line.has(LOSS)) {
        Map<String, Double> terms = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          if (f.getKey().startsWith(TERM_PREFIX)) {
            terms.put(f.getKey().substring(TERM_PREFIX.length()), number(f.getValue(), where, f.getKey()));
          }
        }
        training.add(new TrainingRecord(step, number(line.get(LOSS), where, LOSS), terms,
            number(line.path(LR), where, LR), number(line.path(IMAGES_PER_SEC), where, IMAGES_PER_SEC),
            number(line.path(DATA_WAIT), where, DATA_WAIT), number(line.path(TIME), where, TIME)));
      } else {
        throw new IllegalArgumentException(where + ": neither a training line (\"loss\") nor an evaluation line"
            + " (\"eval\"): " + text);
      }
    }
    return new Contents(training, evaluations);
  }

  private static Map<String, Double> numbers(JsonNode object, String where) {
    if (!object.isObject()) {
      throw new IllegalArgumentException(where + ": \"eval\" must be an object, got " + object);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      out.put(f.getKey(), number(f.getValue(), where, "eval." + f.getKey()));
    }
    return out;
  }

  /** A number; non-finite values are written by Jackson as the strings "NaN" / "Infinity". */
  private static double number(JsonNode node, String where, String field) {
    if (node.isMissingNode()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is missing");
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isTextual()) {
      switch (node.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(where + ": \"" + field + "\" must be a number, got " + node);
  }
}
