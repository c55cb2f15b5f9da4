package dev.archiver.cli;

import dev.archiver.aws.s3.S3AccessLogSource;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.access.AccessHistoryIndex;
import dev.archiver.core.access.AccessLogParser;
import dev.archiver.core.access.AccessLogSource;
import dev.archiver.core.access.Malformed;
import dev.archiver.core.access.ParseReport;
import dev.archiver.core.train.Evaluation;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Shared by {@code train} and {@code evaluate}: reading access logs into an index, and printing evaluations. */
final class AccessLogInput {
    private AccessLogInput() {
    }

    record Loaded(AccessHistoryIndex index, ParseReport report, String bucket) {
    }

    /**
     * Reads every input — local files and folders, and {@code s3://bucket/prefix} URIs (listed and streamed
     * with an S3 client built from {@code aws}, only when there is one), in the order given — into an index.
     */
    static Loaded load(List<String> inputs, AwsOptions aws, String bucket, boolean strict, PrintWriter err) {
        return withSource(inputs, aws, source -> load(source, bucket, strict, err));
    }

    /**
     * Builds one source over every input — local files and folders, and {@code s3://bucket/prefix} URIs
     * (with an S3 client from {@code aws}, only when there is one), in the order given — and applies
     * {@code use} to it, closing the client afterwards.
     */
    static <T> T withSource(List<String> inputs, AwsOptions aws, java.util.function.Function<AccessLogSource, T> use) {
        S3Client s3 = null;
        try {
            List<AccessLogSource> parts = new ArrayList<>();
            List<Path> local = new ArrayList<>();
            for (String in : inputs) {
                if (S3AccessLogSource.isS3Uri(in)) {
                    if (!local.isEmpty()) {
                        parts.add(AccessLogSource.local(List.copyOf(local)));
                        local.clear();
                    }
                    if (s3 == null) {
                        s3 = aws.s3();
                    }
                    parts.add(S3AccessLogSource.of(s3, in));
                } else {
                    local.add(Path.of(in));
                }
            }
            if (!local.isEmpty()) {
                parts.add(AccessLogSource.local(List.copyOf(local)));
            }
            return use.apply(parts.size() == 1 ? parts.get(0) : concat(parts));
        } finally {
            if (s3 != null) {
                s3.close();
            }
        }
    }

    /** The files of every source, one source after the other (each listed once). */
    private static AccessLogSource concat(List<AccessLogSource> parts) {
        return new AccessLogSource() {
            private List<LogFile> files;

            @Override
            public List<LogFile> files() {
                if (files == null) {
                    List<LogFile> all = new ArrayList<>();
                    for (AccessLogSource p : parts) {
                        all.addAll(p.files());
                    }
                    files = List.copyOf(all);
                }
                return files;
            }
        };
    }

    private static Loaded load(AccessLogSource source, String bucket, boolean strict, PrintWriter err) {
        AccessHistoryIndex index = AccessHistoryIndex.builder().bucket(bucket).build();
        ParseReport report = index.addAll(source, AccessLogParser.builder().strict(strict).build());
        if (bucket == null && index.buckets().size() > 1) {
            throw new ArchiverException("the logs cover " + index.buckets().size() + " buckets " + index.buckets()
                    + "; choose one with --bucket");
        }
        if (index.size() == 0) {
            throw new ArchiverException("the logs hold " + report.parsedLines() + " lines but no object was written, read or "
                    + "deleted" + (bucket == null ? "" : " in bucket " + bucket + " (buckets seen: " + index.buckets() + ")"));
        }
        err.printf(Locale.ROOT, "read %,d files, %,d lines (%,d MiB), %,d keys%n", report.files(), report.lines(),
                report.bytes() >> 20, index.size());
        if (index.duplicateLines() > 0) {
            err.printf(Locale.ROOT, "skipped %,d duplicated lines (S3 delivered the same request's record again)%n",
                    index.duplicateLines());
        }
        if (report.malformedLines() > 0) {
            err.printf(Locale.ROOT, "skipped %,d malformed lines (--strict makes them fatal); first:%n", report.malformedLines());
            for (Malformed m : report.malformedSamples()) {
                err.println("  " + m);
            }
        }
        return new Loaded(index, report, bucket != null ? bucket : index.buckets().iterator().next());
    }

    static Map<String, Object> input(Loaded l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", l.bucket());
        m.put("files", l.report().files());
        m.put("lines", l.report().lines());
        m.put("duplicateLines", l.index().duplicateLines());
        m.put("malformedLines", l.report().malformedLines());
        m.put("malformedSamples", l.report().malformedSamples().stream().map(Malformed::toString).toList());
        m.put("keys", l.index().size());
        m.put("from", String.valueOf(l.index().start()));
        m.put("to", String.valueOf(l.index().end()));
        return m;
    }

    static final List<String> CSV_HEADER = List.of("predictor", "rows", "positive_rate", "roc_auc", "pr_auc", "log_loss",
            "brier", "threshold", "true_positives", "false_positives", "true_negatives", "false_negatives");

    static String csv(Evaluation... es) {
        Table t = new Table(CSV_HEADER);
        for (Evaluation e : es) {
            Evaluation.Confusion c = e.confusion();
            t.row(e.predictor(), e.rows(), num(e.positiveRate()), num(e.rocAuc()), num(e.prAuc()), num(e.logLoss()),
                    num(e.brier()), num(e.threshold()), c.truePositives(), c.falsePositives(), c.trueNegatives(),
                    c.falseNegatives());
        }
        return t.csv();
    }

    static String table(Evaluation model, Evaluation rule) {
        Table t = new Table(List.of("metric", model.predictor(), rule.predictor(), "better"), false, true, true, false);
        metric(t, "ROC AUC", model.rocAuc(), rule.rocAuc(), true);
        metric(t, "PR AUC", model.prAuc(), rule.prAuc(), true);
        metric(t, "log loss", model.logLoss(), rule.logLoss(), false);
        metric(t, "Brier", model.brier(), rule.brier(), false);
        String at = "@" + java.math.BigDecimal.valueOf(model.threshold()).stripTrailingZeros().toPlainString();
        metric(t, "precision" + at, model.confusion().precision(), rule.confusion().precision(), true);
        metric(t, "recall" + at, model.confusion().recall(), rule.confusion().recall(), true);
        t.row("TP/FP/TN/FN" + at, confusion(model), confusion(rule), "");
        StringBuilder sb = new StringBuilder(t.render());
        sb.append('\n').append("Calibration of ").append(model.predictor()).append('\n');
        Table c = new Table(List.of("p range", "rows", "mean p", "observed"), false, true, true, true);
        for (Evaluation.CalibrationBin b : model.calibration()) {
            c.row(String.format(Locale.ROOT, "%.1f-%.1f", b.lower(), b.upper()), String.format(Locale.ROOT, "%,d", b.rows()),
                    num(b.meanPredicted()), num(b.observedRate()));
        }
        sb.append(c.render());
        return sb.toString();
    }

    private static String confusion(Evaluation e) {
        Evaluation.Confusion c = e.confusion();
        return c.truePositives() + "/" + c.falsePositives() + "/" + c.trueNegatives() + "/" + c.falseNegatives();
    }

    private static void metric(Table t, String name, double model, double rule, boolean higherIsBetter) {
        String better = Double.isNaN(model) || Double.isNaN(rule) || model == rule ? ""
                : (model > rule) == higherIsBetter ? "model" : "age rule";
        t.row(name, num(model), num(rule), better);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    static Map<String, Object> evaluations(Evaluation model, Evaluation rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toMap());
        m.put("ageRule", rule.toMap());
        return m;
    }

    static List<String> nonEmpty(List<String> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new ArchiverException("--access-logs needs at least one file, folder or s3://bucket/prefix");
        }
        return new ArrayList<>(inputs);
    }
}
