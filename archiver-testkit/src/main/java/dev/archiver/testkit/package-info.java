/**
 * Test support for code that uses Archiver. Today: the seeded synthetic
 * {@link dev.archiver.testkit.WorkloadGenerator}, which writes a bucket's life as a trace the
 * simulator and model training can replay. The in-memory object store, fixed clocks, scripted
 * predictors and compatibility kits will live here too.
 */
package dev.archiver.testkit;
