package dev.rethink.runtime.data.voc;

import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.ImageRecord;
import dev.rethink.runtime.data.detection.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads VOC image sets ({@code <year>/ImageSets/Main/<list>.txt}) and their XML annotations into one
 * {@link DetectionSet}, concatenated in the order given. Boxes follow Detectron2's loader: the 1-based
 * {@code xmin, ymin} lose 1, {@code xmax, ymax} stay, so a box covering pixels 1..W is {@code [0, W]}.
 * Difficult objects are kept and flagged. Errors name the file and the object: a missing list, XML or image, a
 * malformed XML, an unknown class, a box with {@code xmax < xmin} or {@code ymax < ymin}.
 */
public final class VocImageSets {
  private VocImageSets() {}

  /**
   * @param devkit the VOCdevkit folder
   * @param sets image sets, each {@code <year folder>/<list>}
   * @param classes class names in label order
   */
  public static DetectionSet read(Path devkit, List<String> sets, List<String> classes) {
    DocumentBuilder xml = parser();
    List<ImageRecord> images = new ArrayList<>();
    long instanceId = 1;
    for (String set : sets) {
      String[] parts = set.split("/", 2);
      Path year = devkit.resolve(parts[0]);
      Path list = year.resolve("ImageSets").resolve("Main").resolve(parts[1] + ".txt");
      List<String> ids;
      try {
        ids = Files.readAllLines(list).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
      } catch (IOException e) {
        throw new DataException(list + ": image set list is missing or unreadable: " + e.getMessage(), e);
      }
      for (String id : ids) {
        Path file = year.resolve("Annotations").resolve(id + ".xml");
        Path image = year.resolve("JPEGImages").resolve(id + ".jpg");
        if (!Files.isRegularFile(image)) {
          throw new DataException(image + ": image of " + set + " entry " + id + " is missing");
        }
        Element root = document(xml, file).getDocumentElement();
        Element size = child(file, root, "size");
        int width = (int) number(file, size, "width");
        int height = (int) number(file, size, "height");
        List<Instance> instances = new ArrayList<>();
        NodeList objects = root.getElementsByTagName("object");
        for (int o = 0; o < objects.getLength(); o++) {
          Element obj = (Element) objects.item(o);
          String at = file + ": object " + o;
          String name = text(file, obj, "name").trim();
          int label = classes.indexOf(name);
          if (label < 0) {
            throw new DataException(at + " has class '" + name + "', not one of " + classes);
          }
          boolean difficult = obj.getElementsByTagName("difficult").getLength() > 0
              && (int) number(file, obj, "difficult") == 1;
          Element box = child(file, obj, "bndbox");
          double x0 = number(file, box, "xmin") - 1;
          double y0 = number(file, box, "ymin") - 1;
          double x1 = number(file, box, "xmax");
          double y1 = number(file, box, "ymax");
          if (!(x1 > x0) || !(y1 > y0)) {
            throw new DataException(at + ": degenerate box xmin..xmax " + (x0 + 1) + ".." + x1 + ", ymin..ymax "
                + (y0 + 1) + ".." + y1);
          }
          instances.add(new Instance(instanceId++, label, new double[] {x0, y0, x1, y1}, (x1 - x0) * (y1 - y0),
              false, difficult, null, null));
        }
        images.add(new ImageRecord(images.size(), parts[0] + "/" + id, image, width, height, instances));
      }
    }
    List<Long> categoryIds = new ArrayList<>();
    for (int i = 1; i <= classes.size(); i++) {
      categoryIds.add((long) i);
    }
    return new DetectionSet(devkit + " " + sets, classes, categoryIds, null, images, Map.of());
  }

  private static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Document document(DocumentBuilder xml, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": annotation file is missing");
    }
    try {
      xml.setErrorHandler(null);
      return xml.parse(file.toFile());
    } catch (SAXException | IOException e) {
      throw new DataException(file + ": malformed XML: " + e.getMessage(), e);
    }
  }

  private static Element child(Path file, Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    if (nodes.getLength() == 0) {
      throw new DataException(file + ": <" + parent.getTagName() + "> has no <" + tag + ">");
    }
    return (Element) nodes.item(0);
  }

  private static String text(Path file, Element parent, String tag) {
    return child(file, parent, tag).getTextContent();
  }

  private static double number(Path file, Element parent, String tag) {
    String t = text(file, parent, tag).trim();
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new DataException(file + ": <" + tag + "> is not a number: '" + t + "'", e);
    }
  }
}
