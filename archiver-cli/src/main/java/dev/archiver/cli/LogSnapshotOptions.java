package dev.archiver.cli;

import picocli.CommandLine.Option;

/** What {@code train} and {@code evaluate} share about reading access logs into snapshots (a picocli mixin). */
final class LogSnapshotOptions {
    @Option(names = "--every-days", description = "Days between snapshots (default: ${DEFAULT-VALUE}).")
    int everyDays = 7;

    @Option(names = "--bucket", description = "Use only lines of this bucket (required when the logs cover several).")
    String bucket;

    @Option(names = "--sample-keys", paramLabel = "FRACTION", description = "Use a deterministic sample of the keys, "
            + "for buckets too large to hold every snapshot row in memory (default: ${DEFAULT-VALUE}, every key).")
    double sampleKeys = 1;

    @Option(names = "--seed", description = "Seed of the key sample (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threshold", description = "Decision threshold for the confusion matrix (default: ${DEFAULT-VALUE}).")
    double threshold = 0.5;

    @Option(names = "--strict", description = "Fail at the first malformed log line instead of skipping and counting it.")
    boolean strict;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;
}
