/**
 * ImageNet-style folders ({@code <root>/<split>/<class>/*.JPEG}) read as classification datasets, with the
 * classification input pipeline shared by every classification reader.
 */
package dev.rethink.runtime.data.folder;
