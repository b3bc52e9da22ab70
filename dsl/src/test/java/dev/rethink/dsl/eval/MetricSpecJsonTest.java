package dev.rethink.dsl.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricSpecJsonTest {

  @Test
  void everyMetricRoundTrips() {
    for (MetricSpec m : List.of(Accuracy.top1Top5(), CocoAp.box(), CocoAp.boxAndMask(),
        new CocoAp(List.of(IouType.KEYPOINTS)), new VocMap(VocMetric.AREA), new VocMap(VocMetric.ELEVEN_POINT))) {
      String json = Json.write(m);
      MetricSpec back = Json.read(json, MetricSpec.class);
      assertEquals(m, back, json);
      assertEquals(json, Json.write(back));
    }
  }

  @Test
  void jsonCarriesTypeAndEnumNames() {
    String coco = Json.write(new CocoAp(List.of(IouType.BBOX, IouType.SEGM))).replaceAll("\\s", "");
    assertEquals("{\"type\":\"CocoAp\",\"iouTypes\":[\"BBOX\",\"SEGM\"]}", coco);
    String voc = Json.write(new VocMap(VocMetric.ELEVEN_POINT)).replaceAll("\\s", "");
    assertEquals("{\"type\":\"VocMap\",\"metric\":\"ELEVEN_POINT\"}", voc);
    assertEquals(new VocMap(VocMetric.AREA), Json.read("{\"type\":\"VocMap\",\"metric\":\"AREA\"}", MetricSpec.class));
  }

  @Test
  void evalSpecWithSeveralMetricsRoundTrips() {
    EvalSpec spec = EvalSpec.atEnd(CocoAp.boxAndMask(), new VocMap(VocMetric.AREA)).withPeriod(5000);
    assertEquals(spec, Json.read(Json.write(spec), EvalSpec.class));
  }

  @Test
  void visitorDispatchesEachKind() {
    MetricSpec.Visitor<String> names = new MetricSpec.Visitor<>() {
      @Override
      public String accuracy(Accuracy spec) {
        return "accuracy";
      }

      @Override
      public String cocoAp(CocoAp spec) {
        return "coco " + spec.iouTypes().get(0).cocoName();
      }

      @Override
      public String vocMap(VocMap spec) {
        return "voc " + spec.metric();
      }
    };
    assertEquals("coco segm", new CocoAp(List.of(IouType.SEGM)).accept(names));
    assertEquals("voc ELEVEN_POINT", new VocMap(VocMetric.ELEVEN_POINT).accept(names));
    assertEquals("accuracy", Accuracy.top1Top5().accept(names));
  }

  @Test
  void invalidSpecsNameTheField() {
    SpecException empty = assertThrows(SpecException.class, () -> new CocoAp(List.of()));
    assertEquals("iouTypes", empty.field());
    SpecException twice = assertThrows(SpecException.class,
        () -> new CocoAp(List.of(IouType.BBOX, IouType.BBOX)));
    assertTrue(twice.getMessage().contains("twice"));
    assertEquals("metric", assertThrows(SpecException.class, () -> new VocMap(null)).field());
    assertThrows(SpecException.class,
        () -> Json.read("{\"type\":\"CocoAp\",\"iouTypes\":[]}", MetricSpec.class));
  }
}
