/**
 * Test doubles for code that uses Archiver, with no AWS dependency: an S3-like
 * {@link dev.archiver.testkit.InMemoryObjectStore} (object source and transitioner in one, with
 * versioning and scriptable faults), a {@link dev.archiver.testkit.MutableClock}, a
 * {@link dev.archiver.testkit.ScriptedPredictor},
 * {@link dev.archiver.testkit.ObjectStoreCompatibilityKit}, the JUnit 5 test class every store
 * implementation (the fake here, the S3 adapter) extends so they cannot drift apart, and the
 * seeded synthetic {@link dev.archiver.testkit.WorkloadGenerator}, which writes a bucket's life
 * as a trace the simulator and model training can replay, and the
 * {@link dev.archiver.testkit.InventoryGenerator}, which writes a synthetic S3 Inventory report
 * (manifest.json, manifest.checksum, CSV.gz data files with their MD5s) of any size.
 *
 * <p>Only the compatibility kit needs {@code junit-jupiter-api} (an optional dependency); every
 * other type works in any test framework.
 */
package dev.archiver.testkit;
