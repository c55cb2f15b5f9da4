package dev.archiver.cli;

import dev.archiver.core.train.LogisticRegressionTrainer;
import dev.archiver.core.train.PointInTimeTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code archiver train}: learns p(read within H days) from S3 server access logs and evaluates it on a later window. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a logistic model of 'read within the next N days' from S3 server access logs "
                + "(files or folders, plain or .gz, or s3://bucket/prefix), on snapshots of an earlier time window, and prints its evaluation "
                + "on a later window beside the original design's age rule. See docs/training.md.",
                "Exit 0 on success, 2 on a usage or input error."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--access-logs", required = true, arity = "1..*", paramLabel = "PATH|S3URI",
            description = "S3 server access log files or folders, plain or gzip, and/or s3://bucket/prefix locations "
                    + "of log objects (read with --endpoint-url, --region, --profile); read in the order given.")
    List<String> accessLogs;

    @Mixin
    AwsOptions aws;

    @Mixin
    LogSnapshotOptions snap;

    @Option(names = "--horizon-days", description = "Label horizon: read within this many days after a snapshot "
            + "(default: ${DEFAULT-VALUE}).")
    int horizonDays = 90;

    @Option(names = "--split", paramLabel = "YYYY-MM-DD", description = "First day of the evaluation window "
            + "(default: halfway through the logs). Training labels end by it.")
    LocalDate split;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write model.json.")
    Path out;

    @Option(names = "--l2", description = "L2 penalty on standardised coefficients (default: ${DEFAULT-VALUE}).")
    double l2 = 1.0;

    @Option(names = "--balance-classes", description = "Weight classes equally (probabilities are then not calibrated).")
    boolean balanceClasses;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PointInTimeTraining training = PointInTimeTraining.builder().horizon(Duration.ofDays(horizonDays))
                .every(Duration.ofDays(snap.everyDays)).threshold(snap.threshold).sampleKeys(snap.sampleKeys, snap.seed)
                .split(split == null ? null : split.atStartOfDay(ZoneOffset.UTC).toInstant())
                .trainer(LogisticRegressionTrainer.builder().l2(l2).balanceClasses(balanceClasses).build()).build();
        AccessLogInput.Loaded in = AccessLogInput.load(AccessLogInput.nonEmpty(accessLogs), aws, snap.bucket, snap.strict, err);
        long t0 = System.nanoTime();
        PointInTimeTraining.Outcome r = training.run(in.index());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        r.model().write(out);
        err.printf(Locale.ROOT, "wrote %s (%d Newton steps, %s, %,d ms)%n", out, r.fit().iterations(),
                r.fit().converged() ? "converged" : "NOT converged", ms);
        switch (snap.format) {
            case table -> {
                o.printf(Locale.ROOT, "Training    %s .. %s, %,d rows, %.1f%% read within %d days (labels end by %s)%n",
                        day(r.trainFrom()), day(r.split().minus(Duration.ofDays(horizonDays))), r.training().rows(),
                        100 * r.training().positiveRate(), horizonDays, day(r.split()));
                o.printf(Locale.ROOT, "Evaluation  %s .. %s (later window), %,d rows, %.1f%% read%n%n", day(r.split()),
                        day(r.testTo()), r.evaluation().rows(), 100 * r.evaluation().positiveRate());
                o.print(AccessLogInput.table(r.evaluation(), r.baseline()));
            }
            case csv -> o.print(AccessLogInput.csv(r.evaluation(), r.baseline()));
            case json -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("input", AccessLogInput.input(in));
                doc.put("model", out.toString());
                doc.put("training", Map.of("firstSnapshot", r.trainFrom().toString(), "split", r.split().toString(),
                        "rows", r.training().rows(), "positiveRate", r.training().positiveRate(),
                        "iterations", r.fit().iterations(), "converged", r.fit().converged()));
                doc.put("evaluationWindow", Map.of("firstSnapshot", r.split().toString(), "lastSnapshot", r.testTo().toString()));
                doc.put("evaluation", AccessLogInput.evaluations(r.evaluation(), r.baseline()));
                o.println(DemoCommand.Json.MAPPER.writeValueAsString(doc));
            }
        }
        o.flush();
        return ArchiverCommand.OK;
    }

    private static String day(java.time.Instant t) {
        return t.toString().substring(0, 10);
    }
}
