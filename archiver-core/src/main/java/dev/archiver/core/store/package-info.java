/**
 * The two SPIs that touch the outside world: {@link dev.archiver.core.store.ObjectSource} reads
 * objects, {@link dev.archiver.core.store.StorageTransitioner} moves one object and reports a
 * {@link dev.archiver.core.store.TransitionResult}. Everything else in the core is pure.
 */
package dev.archiver.core.store;
