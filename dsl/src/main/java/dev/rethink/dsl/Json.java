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
   * Reads a spec; a rule broken by the JSON's values surfaces as a {@link SpecException} whose field is the path
   * from the spec read, e.g. {@code variants[scratch].schedule.baseLr} in a study (the parts are checked by the
   * variant holding them, see {@link SpecParts}).
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      T spec = SpecParts.deferringChecks(() -> {
        try {
          return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
          throw new UncheckedJson(e);
        }
      });
      SpecParts.check("", spec);
      return spec;
    } catch (UncheckedJson wrapped) {
      throw failure(wrapped.getCause(), type);
    }
  }

  /** The spec rule broken, a malformed document, or a JSON that does not map onto the spec. */
  private static RuntimeException failure(JsonProcessingException e, Class<?> type) {
    if (e instanceof JsonMappingException mapping) {
      for (Throwable c = mapping.getCause(); c != null; c = c.getCause()) {
        if (c instanceof SpecException spec) {
          return spec;
        }
        if (c instanceof JsonParseException parse) {
          return malformed(type, parse);
        }
      }
      return new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON at "
          + mapping.getPathReference() + ": " + mapping.getOriginalMessage(), mapping);
    }
    return malformed(type, e);
  }

  /** Carries Jackson's checked exception out of {@link SpecParts#deferringChecks}. */
  private static final class UncheckedJson extends RuntimeException {
    UncheckedJson(JsonProcessingException cause) {
      super(cause);
    }

    @Override
    public synchronized JsonProcessingException getCause() {
      return (JsonProcessingException) super.getCause();
    }
  }

  private static IllegalArgumentException malformed(Class<?> type, JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
    return new IllegalArgumentException("malformed " + type.getSimpleName() + " JSON" + where + ": "
        + e.getOriginalMessage(), e);
  }
}
