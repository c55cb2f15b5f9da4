/**
 * The objects decisions are about: {@link dev.archiver.core.object.ObjectInfo}, the rules of each
 * {@link dev.archiver.core.object.StorageClass}, and the {@link dev.archiver.core.object.AccessHistory}
 * of reads known at decision time.
 */
package dev.archiver.core.object;
