/** PASCAL VOC-format datasets: ImageSets/Main lists, XML annotations with difficult flags, several sets combined. */
package dev.rethink.runtime.data.voc;
