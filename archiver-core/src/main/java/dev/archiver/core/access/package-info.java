/**
 * S3 server access logs: a streaming, allocation-light {@link dev.archiver.core.access.AccessLogParser}
 * of the documented space-separated format (plain or gzip, files or folders, through an
 * {@link dev.archiver.core.access.AccessLogSource}), the classification of each line as a write,
 * read or delete ({@link dev.archiver.core.access.AccessLogLine#traceOperation()}), the
 * {@link dev.archiver.core.access.AccessHistoryIndex} that folds them per key for training, and
 * {@link dev.archiver.core.access.AccessLogTrace}, which turns logs into the simulator's
 * {@link dev.archiver.core.simulate.TraceEvent}s. See {@code docs/access-logs.md}.
 */
package dev.archiver.core.access;
