/**
 * Replaying the life of a bucket and billing it as S3 would: the simulator behind {@code archiver backtest},
 * modelled on Caffeine's simulator.
 *
 * <ul>
 *   <li>The trace: {@link dev.archiver.core.simulate.TraceEvent}, the streaming
 *       {@link dev.archiver.core.simulate.TraceReader} and {@link dev.archiver.core.simulate.TraceWriter} of the CSV
 *       form of {@code TRACE_FORMAT.md}, and {@link dev.archiver.core.simulate.TraceIndex}. Any
 *       {@code Iterator<TraceEvent>} (an S3 server access log adapter, the testkit's generator) feeds a backtest.</li>
 *   <li>{@link dev.archiver.core.simulate.BillingMeter}: storage by byte-seconds per class, minimum sizes and
 *       durations, archive overheads, requests, retrievals, restores, Intelligent-Tiering tiers and monitoring,
 *       transitions, each total broken down as a {@link dev.archiver.core.simulate.Bill}, and restore waits.</li>
 *   <li>{@link dev.archiver.core.simulate.Policy} and the registry {@link dev.archiver.core.simulate.Policies}: the
 *       rule-based peers, the library's own decision engine, and the clairvoyant optimum.</li>
 *   <li>{@link dev.archiver.core.simulate.Backtest} runs them; {@link dev.archiver.core.simulate.BacktestResult} and
 *       {@link dev.archiver.core.simulate.BacktestReport} (CSV, JSON, HTML with inline SVG) say what they cost.</li>
 * </ul>
 *
 * <pre>{@code
 * try (TraceReader reader = TraceReader.open(Path.of("trace.csv.gz"))) {
 *     BacktestResult result = Backtest.builder().trainDays(120).build().run(reader);
 *     System.out.print(new BacktestReport(result).csv());
 * }
 * }</pre>
 */
package dev.archiver.core.simulate;
