package dev.archiver.cli;

import dev.archiver.aws.s3.LifecycleRules;
import dev.archiver.aws.s3.S3CopyTransitioner;
import dev.archiver.aws.s3.S3TagTransitioner;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.StorageTransitioner;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.plan.ApplyJournal;
import dev.archiver.core.plan.ApplyReport;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.PlanApplier;
import dev.archiver.core.plan.RateLimiter;
import dev.archiver.core.plan.RetryPolicy;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code archiver apply --plan DIR --yes}: applies a plan's moves, resumably. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Applies the moves of a plan folder with conditional in-place copies. Refuses without --yes. "
                + "Resumable: results go to apply-journal.jsonl in the plan folder and a second run does no object twice. "
                + "Every planned move that has not happened (skipped, failed, or settled unmoved by an earlier run) is listed "
                + "with its reason in not-moved.csv in the plan folder; stderr gets the counts.")
final class ApplyCommand implements Callable<Integer> {
    static final String JOURNAL = "apply-journal.jsonl";
    static final String NOT_MOVED = "not-moved.csv";

    enum Mode { copy, tag }

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--plan", required = true, paramLabel = "DIR", description = "Plan folder written by 'archiver plan'.")
    Path planDir;

    @Option(names = "--yes", description = "Really change the bucket.")
    boolean yes;

    @Option(names = "--mode", description = "copy (conditional in-place copy; default) or tag (tag archiver-class=CLASS and "
            + "merge one lifecycle rule per target class into each bucket's rules).")
    Mode mode = Mode.copy;

    @Option(names = "--ia-transition-days", paramLabel = "N", defaultValue = "0",
            description = "With --mode tag: Days of the STANDARD_IA/ONEZONE_IA lifecycle rules (default: ${DEFAULT-VALUE}; 30 where the old minimum holds).")
    int iaTransitionDays;

    @Option(names = "--verify-source", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "HeadObject before each copy to carry SSE-KMS keys, refuse SSE-C, archived or changed objects and record "
                    + "the object's creation time (archiver-created) (default). --no-verify-source: one CopyObject per object; "
                    + "copies get the bucket's default encryption and a moved object's age restarts.")
    boolean verifySource;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "Attempts per object for transient failures, with backoff and jitter (default: the RetryPolicy default).")
    Integer maxAttempts;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "At most N objects in flight at once (default: ${DEFAULT-VALUE}; 1..1000).")
    int concurrency;

    @Option(names = "--max-requests-per-second", paramLabel = "R",
            description = "Spaces the S3 requests to at most about R a second across all threads, retries included "
                    + "(counted per attempt: HeadObject + CopyObject with --verify-source, CopyObject without, "
                    + "HeadObject + GetObjectTagging + PutObjectTagging in tag mode). Default: no limit.")
    Double maxRequestsPerSecond;

    @Override
    public Integer call() throws Exception {
        if (!yes) {
            throw new ArchiverException("apply changes the bucket: add --yes to proceed (review " + planDir.resolve("plan.jsonl") + " first)");
        }
        Path planFile = planDir.resolve("plan.jsonl");
        if (!Files.isRegularFile(planFile)) {
            throw new ArchiverException("--plan: no plan.jsonl in " + planDir);
        }
        Plan plan = Plan.read(planFile);
        PlanApplier.Builder applier;
        ApplyReport report;
        try (S3Client s3 = aws.s3(); ApplyJournal journal = ApplyJournal.open(planDir.resolve(JOURNAL))) {
            StorageTransitioner transitioner;
            if (mode == Mode.tag) {
                Map<String, Set<StorageClass>> targets = new TreeMap<>();
                plan.moves().forEach(d -> targets.computeIfAbsent(d.object().bucket(), b -> EnumSet.noneOf(StorageClass.class)).add(d.target()));
                targets.forEach((bucket, classes) -> {
                    classes.remove(StorageClass.STANDARD);
                    if (!classes.isEmpty()) {
                        LifecycleRules.install(s3, bucket, classes, LifecycleRules.DEFAULT_TAG_KEY, iaTransitionDays);
                        spec.commandLine().getErr().println("lifecycle rules for " + classes + " merged into " + bucket + "'s rules");
                    }
                });
                transitioner = S3TagTransitioner.builder(s3).build();
            } else {
                transitioner = S3CopyTransitioner.builder(s3).verifySource(verifySource).build();
            }
            applier = PlanApplier.builder(transitioner).retry(retry());
            try {
                applier.concurrency(concurrency);
            } catch (IllegalArgumentException e) {
                throw new ArchiverException("--concurrency: " + e.getMessage());
            }
            applier.rateLimit(rateLimit());
            report = applier.build().apply(plan, journal);
        }
        Path notMoved = planDir.resolve(NOT_MOVED);
        report.writeNotMoved(notMoved);
        print(report);
        printNotMoved(report, notMoved);
        return report.hasFailures() ? ArchiverCommand.SOME_FAILED : ArchiverCommand.OK;
    }

    /** Requests one transition attempt sends, roughly: what --max-requests-per-second counts. */
    private int requestsPerAttempt() {
        return mode == Mode.tag ? 3 : verifySource ? 2 : 1;
    }

    private RateLimiter rateLimit() {
        if (maxRequestsPerSecond == null) {
            return RateLimiter.unlimited();
        }
        try {
            return RateLimiter.perSecond(maxRequestsPerSecond / requestsPerAttempt());
        } catch (IllegalArgumentException e) {
            throw new ArchiverException("--max-requests-per-second: must be a positive number, was " + maxRequestsPerSecond);
        }
    }

    private void printNotMoved(ApplyReport r, Path file) {
        List<TransitionResult> all = r.notMoved();
        Map<TransitionStatus, Integer> byStatus = new TreeMap<>();
        all.forEach(n -> byStatus.merge(n.status(), 1, Integer::sum));
        StringBuilder line = new StringBuilder("archiver: not moved: " + Table.count(all.size()));
        if (!all.isEmpty()) {
            StringBuilder parts = new StringBuilder();
            byStatus.forEach((s, n) -> parts.append(parts.length() == 0 ? "" : ", ").append(s).append(' ').append(Table.count(n)));
            line.append(" (").append(parts);
            if (!r.settledEarlier().isEmpty()) {
                line.append("; ").append(Table.count(r.settledEarlier().size())).append(" settled by an earlier run");
            }
            line.append(')');
        }
        line.append(", listed in ").append(file);
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }

    private RetryPolicy retry() {
        if (maxAttempts == null) {
            return RetryPolicy.defaults();
        }
        try {
            return RetryPolicy.builder().maxAttempts(maxAttempts).build();
        } catch (IllegalArgumentException e) {
            throw new ArchiverException("--max-attempts: " + e.getMessage());
        }
    }

    private void print(ApplyReport r) throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Table t = new Table(List.of("bucket", "key", "status", "detail"));
        for (TransitionResult n : r.notApplied()) {
            t.row(n.request().bucket(), n.request().key(), n.status(), n.detail());
        }
        switch (format) {
            case json: {
                var root = DemoCommand.Json.MAPPER.createObjectNode();
                var counts = root.putObject("counts");
                for (TransitionStatus s : TransitionStatus.values()) {
                    counts.put(s.name(), r.count(s));
                }
                root.put("alreadyDone", r.alreadyDone());
                root.put("notMoved", r.notMoved().size());
                root.put("notMovedReport", planDir.resolve(NOT_MOVED).toString());
                root.put("movedBytes", r.movedBytes());
                var list = root.putArray("notApplied");
                for (TransitionResult n : r.notApplied()) {
                    list.addObject().put("bucket", n.request().bucket()).put("key", n.request().key())
                            .put("status", n.status().name()).put("detail", n.detail()).put("attempts", n.attempts());
                }
                w.print(DemoCommand.Json.MAPPER.writeValueAsString(root) + "\n");
                break;
            }
            case csv:
                w.print(t.csv());
                break;
            default:
                w.printf(Locale.ROOT, "applied %s (%s), already done %s, not applied %s%n", Table.count(r.applied()),
                        Table.bytes(r.movedBytes()), Table.count(r.alreadyDone()), Table.count(r.notApplied().size()));
                if (!r.notApplied().isEmpty()) {
                    w.print(t.render());
                }
        }
        w.flush();
    }
}
