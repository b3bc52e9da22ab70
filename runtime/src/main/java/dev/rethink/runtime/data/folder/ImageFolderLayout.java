package dev.rethink.runtime.data.folder;

import dev.rethink.runtime.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of an ImageNet-style folder: classes are the sorted sub-folder names of the training split (as
 * torchvision's {@code ImageFolder}); images are the {@code .jpeg}, {@code .jpg} and {@code .png} files of each
 * class folder, sorted by name. The evaluation split may lack classes but not add any, so class indices always
 * follow the training split.
 *
 * @param root the dataset folder
 * @param classNames class names in index order
 * @param train training images
 * @param eval evaluation images
 */
public record ImageFolderLayout(Path root, List<String> classNames, List<LabeledFile> train,
    List<LabeledFile> eval) {

  /** An image file and its class index. */
  public record LabeledFile(Path file, int label, long bytes) {}

  public ImageFolderLayout {
    classNames = List.copyOf(classNames);
    train = List.copyOf(train);
    eval = List.copyOf(eval);
  }

  /** Lists {@code root/trainSplit} and {@code root/evalSplit}. */
  public static ImageFolderLayout scan(Path root, String trainSplit, String evalSplit) {
    if (!Files.isDirectory(root)) {
      throw new DataException(root + ": dataset folder is missing (expected <root>/" + trainSplit
          + "/<class>/*.JPEG)");
    }
    Path trainDir = root.resolve(trainSplit);
    List<String> classes = classFolders(trainDir);
    if (classes.isEmpty()) {
      throw new DataException(trainDir + ": no class folders (expected " + trainDir + "/<class>/*.JPEG)");
    }
    List<LabeledFile> train = files(trainDir, classes, classes);
    Path evalDir = root.resolve(evalSplit);
    List<String> evalClasses = classFolders(evalDir);
    for (String c : evalClasses) {
      if (!classes.contains(c)) {
        throw new DataException(evalDir.resolve(c) + ": class folder '" + c + "' is not in the training split "
            + trainDir + " (class indices follow the training split)");
      }
    }
    List<LabeledFile> eval = files(evalDir, evalClasses, classes);
    return new ImageFolderLayout(root, classes, train, eval);
  }

  private static List<String> classFolders(Path split) {
    if (!Files.isDirectory(split)) {
      throw new DataException(split + ": split folder is missing");
    }
    try (Stream<Path> entries = Files.list(split)) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DataException(split + ": cannot list the split folder: " + e.getMessage(), e);
    }
  }

  private static List<LabeledFile> files(Path split, List<String> folders, List<String> classes) {
    List<LabeledFile> out = new ArrayList<>();
    for (String c : folders) {
      Path dir = split.resolve(c);
      List<Path> images;
      try (Stream<Path> entries = Files.list(dir)) {
        images = entries.filter(ImageFolderLayout::isImage).sorted().toList();
      } catch (IOException e) {
        throw new DataException(dir + ": cannot list the class folder: " + e.getMessage(), e);
      }
      if (images.isEmpty()) {
        throw new DataException(dir + ": class folder '" + c + "' has no .JPEG/.jpg/.png images");
      }
      int label = classes.indexOf(c);
      for (Path p : images) {
        try {
          out.add(new LabeledFile(p, label, Files.size(p)));
        } catch (IOException e) {
          throw new DataException(p + ": cannot read the file size: " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && !n.startsWith(".")
        && (n.endsWith(".jpeg") || n.endsWith(".jpg") || n.endsWith(".png"));
  }
}
