package dev.archiver.cli;

import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.RestoreTier;
import dev.archiver.core.simulate.Backtest;
import dev.archiver.core.simulate.BacktestReport;
import dev.archiver.core.simulate.BacktestResult;
import dev.archiver.core.simulate.Policies;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.access.AccessLogParser;
import dev.archiver.core.access.AccessLogTrace;
import dev.archiver.core.simulate.TraceReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code archiver backtest}: replays a trace under several policies and bills each as S3 would. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replays a bucket's life (a TRACE_FORMAT.md trace, plain or .gz, or S3 server access logs) under each policy, bills it "
                + "as S3 would, and compares with the clairvoyant optimum. See docs/backtest.md.")
final class BacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Where the bucket's life comes from: a trace, or S3 server access logs. */
    static final class Input {
        @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The trace (CSV, optionally .gz).")
        Path trace;

        @Option(names = "--access-logs", required = true, arity = "1..*", paramLabel = "PATH|S3URI",
                description = "S3 server access logs instead of a trace: files, folders or s3://bucket/prefix (plain or .gz); "
                        + "objects that predate the logs start at the first line.")
        List<String> accessLogs;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Mixin
    AwsOptions aws;

    @Option(names = "--bucket", description = "With --access-logs: only lines of this bucket (required when the logs cover several).")
    String bucket;

    @Option(names = "--train-days", paramLabel = "N",
            description = "The predictive policy learns from the first N days; costs are counted after them (default: ${DEFAULT-VALUE}).")
    int trainDays = 120;

    @Option(names = "--policies", paramLabel = "LIST",
            description = "Comma-separated policy names (default: all): standard, lifecycle:<days>:<class>,…, "
                    + "intelligent-tiering[:archive], original-age-rule, predictive[:archive|:no-warmup], oracle:ms, oracle.")
    String policies;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/index.html (charts), results.csv and results.json.")
    Path report;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    @Option(names = "--redecide-days", paramLabel = "N", description = "Days between the predictive policy's decisions (default: ${DEFAULT-VALUE}).")
    int redecideDays = 7;

    @Option(names = "--horizon-days", paramLabel = "N", description = "The predictive policy's label and cost horizon (default: ${DEFAULT-VALUE}).")
    int horizonDays = 30;

    @Option(names = "--priced-days", paramLabel = "N", description = "Days the millisecond predictive policy prices each class over, at least the horizon (default: ${DEFAULT-VALUE}).")
    int pricedDays = 90;

    @Option(names = "--restore-tier", description = "Restore tier of reads of archived objects: EXPEDITED, STANDARD, BULK (default: ${DEFAULT-VALUE}).")
    RestoreTier restoreTier = RestoreTier.STANDARD;

    @Option(names = "--price-book", paramLabel = "FILE", description = "Price book JSON (default: bundled us-east-1).")
    Path priceBook;

    @Option(names = "--lenient", description = "Skip (and count) bad trace rows (or malformed log lines) instead of stopping at the first.")
    boolean lenient;

    @Override
    public Integer call() {
        Backtest.Builder b = Backtest.builder().trainDays(trainDays).redecideDays(redecideDays).horizonDays(horizonDays)
                .pricedDays(pricedDays).restoreTier(restoreTier);
        if (policies != null) {
            b.policies(Policies.split(policies));
        }
        if (priceBook != null) {
            b.priceBook(PriceBook.load(priceBook));
        }
        long started = System.nanoTime();
        BacktestResult result;
        if (input.trace != null) {
            Path trace = input.trace;
            try (TraceReader reader = TraceReader.open(trace, lenient ? TraceReader.Mode.LENIENT : TraceReader.Mode.STRICT)) {
                result = b.build().run(reader);
                if (reader.skippedRows() > 0) {
                    spec.commandLine().getErr().printf(Locale.ROOT, "archiver: skipped %,d bad rows of %s (first: %s)%n",
                            reader.skippedRows(), trace, reader.skipReasons().isEmpty() ? "" : reader.skipReasons().get(0));
                }
            }
        } else {
            AccessLogTrace.Result logs = AccessLogInput.withSource(input.accessLogs, aws,
                    source -> AccessLogTrace.read(source, AccessLogParser.builder().strict(!lenient).build(), bucket));
            if (logs.events().isEmpty()) {
                throw new ArchiverException("--access-logs: no object was written, read or deleted"
                        + (bucket == null ? "" : " in bucket " + bucket));
            }
            var err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "read %,d log lines: %,d events (%,d objects predate the logs, %,d reads or deletes of absent keys dropped)%n",
                    logs.report().lines(), logs.events().size(), logs.synthesizedPuts(), logs.droppedEvents());
            if (logs.report().malformedLines() > 0) {
                err.printf(Locale.ROOT, "skipped %,d malformed lines; first: %s%n", logs.report().malformedLines(),
                        logs.report().malformedSamples().isEmpty() ? "" : logs.report().malformedSamples().get(0));
            }
            result = b.build().run(logs.events().iterator());
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "backtest: %,d events, %,d objects, %d policies in %.1f s%n",
                result.events(), result.objects(), result.policies().size(), (System.nanoTime() - started) / 1e9);
        BacktestReport r = new BacktestReport(result);
        var out = spec.commandLine().getOut();
        switch (format) {
            case csv -> out.print(r.csv());
            case json -> out.print(r.json());
            default -> {
                Table t = new Table(BacktestReport.COLUMNS, false, true, true, true, true, true, true, true, false,
                        true, true, true, true);
                for (List<String> row : r.rows()) {
                    t.row(row.toArray());
                }
                out.printf(Locale.ROOT, "Trace %s .. %s, %,d events, %,d objects; costs (USD) counted from %s%n%n",
                        result.start(), result.end(), result.events(), result.objects(), result.countFrom());
                out.print(t.render());
            }
        }
        if (report != null) {
            Path html = r.writeHtml(report);
            spec.commandLine().getErr().println("backtest: report written to " + html);
        }
        out.flush();
        return ArchiverCommand.OK;
    }
}
