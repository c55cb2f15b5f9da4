package dev.archiver.cli;

import dev.archiver.core.predict.LogisticModel;
import dev.archiver.core.predict.ScikitLearnModels;
import dev.archiver.core.train.Evaluation;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code archiver evaluate}: scores a model against what S3 server access logs say happened. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluates a model (archiver JSON or a scikit-learn export) on point-in-time snapshots of S3 "
                + "server access logs: ROC AUC, PR AUC, log loss, Brier, calibration and the confusion at the "
                + "decision threshold, beside the original design's age rule. Use logs later than the model's "
                + "training window for an honest figure.",
                "Exit 0 on success, 2 on a usage or input error."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "model.json (archiver or scikit-learn export).")
    Path model;

    @Option(names = "--access-logs", required = true, arity = "1..*", paramLabel = "PATH|S3URI",
            description = "S3 server access log files or folders, plain or gzip, and/or s3://bucket/prefix locations "
                    + "of log objects (read with --endpoint-url, --region, --profile); read in the order given.")
    List<String> accessLogs;

    @Mixin
    AwsOptions aws;

    @Mixin
    LogSnapshotOptions snap;

    @Option(names = "--horizon-days", description = "Label horizon (default: the model card's horizonDays, else 90).")
    Integer horizonDays;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First snapshot day (default: a snapshot interval "
            + "after the logs begin).")
    LocalDate from;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LogisticModel m = ScikitLearnModels.loadAny(model);
        int h = horizonDays != null ? horizonDays : m.metadata().get("horizonDays") instanceof Number n ? n.intValue() : 90;
        PointInTimeTraining setup = PointInTimeTraining.builder().horizon(Duration.ofDays(h)).every(Duration.ofDays(snap.everyDays))
                .threshold(snap.threshold).sampleKeys(snap.sampleKeys, snap.seed).build();
        AccessLogInput.Loaded in = AccessLogInput.load(AccessLogInput.nonEmpty(accessLogs), aws, snap.bucket, snap.strict, err);
        Instant first = from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Evaluation e = setup.evaluate(m, in.index(), first);
        Evaluation rule = setup.evaluate(setup.baseline(), in.index(), first);
        switch (snap.format) {
            case table -> {
                o.printf(Locale.ROOT, "Evaluation  %s on %,d rows, %.1f%% read within %d days%n%n", model, e.rows(),
                        100 * e.positiveRate(), h);
                o.print(AccessLogInput.table(e, rule));
            }
            case csv -> o.print(AccessLogInput.csv(e, rule));
            case json -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("input", AccessLogInput.input(in));
                doc.put("model", model.toString());
                doc.put("horizonDays", h);
                doc.put("evaluation", AccessLogInput.evaluations(e, rule));
                o.println(DemoCommand.Json.MAPPER.writeValueAsString(doc));
            }
        }
        o.flush();
        return ArchiverCommand.OK;
    }
}
