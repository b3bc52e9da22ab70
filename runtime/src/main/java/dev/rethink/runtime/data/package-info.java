/**
 * Datasets on disk (COCO, VOC, ImageNet folders), synthetic datasets in those formats, augmentation, and the input
 * pipeline.
 *
 * <p>Entry point: {@link dev.rethink.runtime.data.DataSource}, bound by the data modules that
 * {@link dev.rethink.runtime.data.DataModules#forStudy} lists for a study:
 * <pre>{@code
 * Injector injector = Guice.createInjector(DataModules.forStudy(study, dataRoot, cacheDir));
 * DataSource data = injector.getInstance(DataSource.class);
 * ClassificationData imagenet = data.classification(variant.data(), (ClassificationInput) variant.input());
 * try (BatchStream<ImageBatch> batches = imagenet.train(variant.seed(), 16, startBatch)) {
 *   ImageBatch b = batches.next(); // NHWC floats, normalized; batches.waitSeconds() = time blocked
 * }
 * DetectionData coco = data.detection(variant.data(), (DetectionInput) variant.input());
 * coco.skipped(); coco.subset(); // to record with the run
 * }</pre>
 *
 * <p>Each dataset kind is read by a reader in its own package ({@code folder}, {@code coco}, {@code voc},
 * {@code synthetic}); the shared parts are {@code image} (decoding, resampling), {@code transform} (classification
 * and detection transforms), {@code detection} (detection sets in memory and their batches) and {@code pipeline}
 * (the ordered prefetching thread pool). Training order and augmentation are functions of the seed, the epoch and
 * the image, never of thread timing: the same seed gives the same batches on any number of threads, and a run
 * resumed at batch {@code b} sees what it would have seen.
 */
package dev.rethink.runtime.data;
