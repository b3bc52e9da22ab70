package dev.rethink.dsl;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * JSON form of every spec. Polymorphic specs carry a {@code type} field; {@link dev.rethink.dsl.study.StudySpec}
 * carries a {@code schemaVersion}. Unknown fields are errors: a misspelt field in a hand-edited spec must not be
 * silently ignored.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private Json() {}

  /** The mapper configured for specs; shared so that other modules write specs the same way. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object spec) {
    try {
      return MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a spec; a rule broken by the JSON's values surfaces as the {@link SpecException} that the spec's
   * constructor raised, with the JSON path in front.
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonMappingException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof SpecException spec) {
          throw spec;
        }
        if (c instanceof JsonParseException parse) {
          throw malformed(type, parse);
        }
      }
      throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON at "
          + e.getPathReference() + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw malformed(type, e);
    }
  }

  private static IllegalArgumentException malformed(Class<?> type, JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
    return new IllegalArgumentException("malformed " + type.getSimpleName() + " JSON" + where + ": "
        + e.getOriginalMessage(), e);
  }
}
