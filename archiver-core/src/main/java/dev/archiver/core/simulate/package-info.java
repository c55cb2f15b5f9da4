/**
 * Replaying the life of a bucket. Today it holds the workload trace: {@link dev.archiver.core.simulate.TraceEvent},
 * the streaming {@link dev.archiver.core.simulate.TraceReader} and the {@link dev.archiver.core.simulate.TraceWriter}
 * of the CSV form described in {@code TRACE_FORMAT.md}. The cost simulator behind {@code archiver backtest}
 * (billing meter, policies, report) will live here too and consume these events.
 */
package dev.archiver.core.simulate;
