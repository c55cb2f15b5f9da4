package dev.archiver.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.aws.s3.S3InventoryFiles;
import dev.archiver.aws.s3.S3ObjectSource;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.decide.DecisionEngine;
import dev.archiver.core.inventory.InventoryFiles;
import dev.archiver.core.inventory.InventoryReader;
import dev.archiver.core.plan.BatchJobSettings;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.PlanProgress;
import dev.archiver.core.plan.PlanResult;
import dev.archiver.core.plan.PlanSummary;
import dev.archiver.core.plan.StreamingPlanner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code archiver plan}: decides every object of a bucket listing ({@code --bucket}) or of an S3
 * Inventory report ({@code --inventory}, streamed in constant memory by {@link StreamingPlanner},
 * which also writes one S3 Batch Operations manifest and CreateJob request per target class) and
 * writes the plan folder. Changes nothing and submits nothing.
 *
 * <pre>{@code
 * archiver plan --bucket my-bucket --prefix logs/ --model model.json --out plan-logs
 * archiver plan --inventory s3://inventory-bucket/my-bucket/daily/2026-11-01T01-00Z/manifest.json \
 *               --model model.json --moves-only --batch-account-id 123456789012 --out plan-inv
 * }</pre>
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Decides every object of a bucket listing (--bucket, ListObjectsV2) or of an S3 Inventory report "
                + "(--inventory, a CSV report's manifest.json, local or s3://) and writes plan.jsonl and summary.json. "
                + "With --inventory it also writes manifests/<CLASS>.csv (S3 Batch Operations manifests) and "
                + "jobs/<CLASS>.json (CreateJob requests), and shows progress on stderr unless --quiet.",
                "Changes nothing and never submits a job."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    DecisionOptions decision;

    /** Exactly one source: a bucket listing or an S3 Inventory report. */
    static final class Source {
        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Source: a bucket listing%n")
        BucketSource bucket;

        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Source: an S3 Inventory report%n")
        InventorySource inventory;
    }

    static final class BucketSource {
        @Option(names = "--bucket", required = true, paramLabel = "B", description = "Bucket to list (ListObjectsV2).")
        String bucket;

        @Option(names = "--prefix", paramLabel = "P", description = "Only keys starting with P.")
        String prefix;

        @Option(names = "--versions", description = "List with ListObjectVersions (versioned buckets): plans the current version of each key.")
        boolean versions;
    }

    static final class InventorySource {
        @Option(names = "--inventory", required = true, paramLabel = "PATH",
                description = "S3 Inventory report (CSV): its manifest.json as a local file or folder, or an s3://bucket/.../manifest.json URI. "
                        + "Writes S3 Batch Operations manifests and CreateJob requests too; never submits a job.")
        String path;

        @Option(names = "--moves-only", description = "plan.jsonl lists only the moves (summary.json still counts every decision).")
        boolean movesOnly;

        @Option(names = "--batch-account-id", paramLabel = "ID", description = "Account id in the CreateJob requests (default: <ACCOUNT_ID>).")
        String accountId;

        @Option(names = "--batch-role-arn", paramLabel = "ARN", description = "IAM role S3 Batch Operations assumes (default: a placeholder).")
        String roleArn;

        @Option(names = "--batch-manifest-location", paramLabel = "S3URI",
                description = "s3://bucket/prefix/ the manifests will be uploaded to (default: <MANIFEST_BUCKET>).")
        String manifestLocation;

        @Option(names = "--batch-report-bucket", paramLabel = "B", description = "Bucket for completion reports (default: <REPORT_BUCKET>).")
        String reportBucket;

        @Option(names = "--batch-function-arn", paramLabel = "ARN",
                description = "Versioned ARN of the archiver's Batch Operations Lambda handler, for objects over 5 GiB (default: a placeholder).")
        String functionArn;

        BatchJobSettings jobs() {
            BatchJobSettings j = BatchJobSettings.placeholders();
            if (accountId != null) {
                j = j.withAccountId(accountId);
                if (roleArn == null) {
                    j = j.withRoleArn(j.roleArn().replace("<ACCOUNT_ID>", accountId));
                }
                if (functionArn == null) {
                    j = j.withFunctionArn(j.functionArn().replace("<ACCOUNT_ID>", accountId));
                }
            }
            if (roleArn != null) {
                j = j.withRoleArn(roleArn);
            }
            if (manifestLocation != null) {
                if (!manifestLocation.startsWith("s3://") || manifestLocation.length() <= "s3://".length()) {
                    throw new ArchiverException("--batch-manifest-location: expected s3://bucket/prefix/, was " + manifestLocation);
                }
                String rest = manifestLocation.substring("s3://".length());
                int slash = rest.indexOf('/');
                String bucket = slash < 0 ? rest : rest.substring(0, slash);
                String prefix = slash < 0 ? "" : rest.substring(slash + 1);
                if (bucket.isEmpty()) {
                    throw new ArchiverException("--batch-manifest-location: expected s3://bucket/prefix/, was " + manifestLocation);
                }
                j = j.withManifestLocation(bucket, prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/");
            }
            if (reportBucket != null) {
                j = j.withReportBucket(reportBucket);
            }
            if (functionArn != null) {
                j = j.withFunctionArn(functionArn);
            }
            return j;
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write plan.jsonl and summary.json to; with --inventory also manifests/ and jobs/ "
                    + "(it must not exist or be empty; written whole or not at all).")
    Path out;

    @Option(names = "--quiet", description = "No progress or timing lines on stderr (the summary is still printed).")
    boolean quiet;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        return source.inventory != null ? planInventory(source.inventory) : planBucket(source.bucket);
    }

    private Integer planBucket(BucketSource src) throws IOException {
        String bucket = src.bucket;
        String prefix = src.prefix;
        var archiver = decision.archiver(clock, aws).build();
        long started = System.nanoTime();
        Plan plan;
        try (S3Client s3 = aws.s3()) {
            boolean listVersions = src.versions || versioned(s3, bucket);
            plan = archiver.plan(S3ObjectSource.builder(s3, bucket).prefix(prefix).versions(listVersions).build());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new ArchiverException("--out: cannot create " + out + ": " + e.getMessage(), e);
        }
        plan.write(out.resolve("plan.jsonl"));
        PlanSummary s = plan.summary();
        var summaryJson = DemoCommand.Json.summary(s, plan);
        if (decision.sagemaker != null) {
            summaryJson.set("sagemaker", DemoCommand.Json.MAPPER.valueToTree(decision.sagemaker.stats()));
            spec.commandLine().getErr().println("archiver: " + decision.sagemaker.stats().describe());
        }
        Files.writeString(out.resolve("summary.json"), DemoCommand.Json.MAPPER.writeValueAsString(summaryJson));
        PrintWriter w = spec.commandLine().getOut();
        if (!quiet) {
            spec.commandLine().getErr().printf(Locale.ROOT, "planned %,d objects of s3://%s/%s in %.2f s; wrote %s%n",
                s.objects(), bucket, prefix == null ? "" : prefix, seconds, out.resolve("plan.jsonl"));
        }
        switch (format) {
            case json:
                w.print(DemoCommand.Json.MAPPER.writeValueAsString(DemoCommand.Json.summary(s, plan)) + "\n");
                break;
            case csv:
                w.print(table(s).csv());
                break;
            default:
                w.print(table(s).render());
                w.printf(Locale.ROOT, "%s moves (%s) of %s objects; monthly cost %s -> %s, one-time %s; apply with: archiver apply --plan %s --yes%n",
                        Table.count(s.moves()), Table.bytes(s.movedBytes()), Table.count(s.objects()),
                        Table.money(s.monthlyCostBefore()), Table.money(s.monthlyCostAfter()), Table.money(s.oneTimeCost()), out);
        }
        w.flush();
        // Objects the endpoint could not score were kept where they are: the plan is safe, but say so.
        return decision.sagemaker != null && decision.sagemaker.stats().rowsFailed() > 0 ? ArchiverCommand.SOME_FAILED : ArchiverCommand.OK;
    }


    private Integer planInventory(InventorySource inv) throws IOException {
        BatchJobSettings jobs = inv.jobs();
        DecisionEngine engine = decision.archiver(clock, aws).build().engine();
        PrintWriter err = spec.commandLine().getErr();
        StreamingPlanner planner = StreamingPlanner.builder(engine)
                .clock(clock)
                .progress(quiet ? PlanProgress.quiet() : progressTo(err))
                .writeKeeps(!inv.movesOnly)
                .batchJobs(jobs)
                .build();
        PlanResult r;
        if (inv.path.startsWith("s3://")) {
            try (S3Client s3 = aws.s3()) {
                r = planner.plan(InventoryReader.of(S3InventoryFiles.of(s3, inv.path)), out);
            }
        } else {
            Path local = Path.of(inv.path);
            if (!Files.exists(local)) {
                throw new ArchiverException("--inventory: " + inv.path + ": no such file or folder (expected a manifest.json, "
                        + "the folder holding it, or s3://bucket/.../manifest.json)");
            }
            r = planner.plan(InventoryReader.of(InventoryFiles.folder(local)), out);
        }
        Path summaryFile = r.folder().resolve("summary.json");
        if (decision.sagemaker != null) {
            ObjectNode summary = (ObjectNode) DemoCommand.Json.MAPPER.readTree(summaryFile.toFile());
            summary.set("sagemaker", DemoCommand.Json.MAPPER.valueToTree(decision.sagemaker.stats()));
            Path tmp = r.folder().resolve(".summary.json.tmp");
            Files.writeString(tmp, DemoCommand.Json.MAPPER.writeValueAsString(summary));
            Files.move(tmp, summaryFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            err.println("archiver: " + decision.sagemaker.stats().describe());
        }
        PlanSummary s = r.summary();
        if (!quiet) {
            err.printf(Locale.ROOT, "planned %,d objects of %s; wrote %s%n", s.objects(), inv.path, r.folder());
        }
        PrintWriter w = spec.commandLine().getOut();
        switch (format) {
            case json:
                w.print(Files.readString(summaryFile).strip() + "\n");
                break;
            case csv:
                w.print(table(s).csv());
                break;
            default:
                w.print(table(s).render());
                w.printf(Locale.ROOT, "%s moves (%s) of %s objects; monthly cost %s -> %s, one-time %s%n",
                        Table.count(s.moves()), Table.bytes(s.movedBytes()), Table.count(s.objects()),
                        Table.money(s.monthlyCostBefore()), Table.money(s.monthlyCostAfter()), Table.money(s.oneTimeCost()));
                StringBuilder skipped = new StringBuilder();
                new java.util.TreeMap<>(r.skippedRows()).forEach((k, v) -> {
                    if (v > 0) {
                        skipped.append(skipped.length() == 0 ? "" : ", ").append(k).append(' ').append(Table.count(v));
                    }
                });
                if (skipped.length() > 0) {
                    w.println("inventory rows not planned: " + skipped);
                }
                for (PlanResult.ManifestFile m : r.manifests()) {
                    w.printf(Locale.ROOT, "%s: %s objects to %s; job request %s (%s)%n", r.folder().relativize(m.manifest()),
                            Table.count(m.rows()), m.target(), r.folder().relativize(m.job()),
                            m.overSingleCopyLimit() ? "LambdaInvoke" : "S3PutObjectCopy");
                }
                w.println(r.manifests().isEmpty() ? "nothing to move; no job to submit"
                        : "no job was submitted: upload the manifests, fill in the job requests' placeholders, then "
                                + "aws s3control create-job --cli-input-json file://JOB");
        }
        w.flush();
        return decision.sagemaker != null && decision.sagemaker.stats().rowsFailed() > 0 ? ArchiverCommand.SOME_FAILED : ArchiverCommand.OK;
    }

    /** {@link PlanProgress#stderr()}, but to the command's error stream: at most a line a second. */
    static PlanProgress progressTo(PrintWriter err) {
        return new PlanProgress() {
            private long lastPrinted = Long.MIN_VALUE;

            @Override
            public void progress(long objects, long bytes, long elapsedMillis, double fractionRead) {
                if (lastPrinted != Long.MIN_VALUE && elapsedMillis - lastPrinted < 1000) {
                    return;
                }
                lastPrinted = elapsedMillis;
                err.println("archiver: " + PlanProgress.line(objects, bytes, elapsedMillis, fractionRead));
                err.flush();
            }

            @Override
            public void finished(PlanSummary summary, long elapsedMillis) {
                err.println("archiver: " + PlanProgress.line(summary.objects(), summary.bytes(), elapsedMillis, 1.0) + ", "
                        + Table.count(summary.moves()) + " moves");
            }
        };
    }

    /**
     * In a versioning-enabled (or suspended) bucket a copy leaves the old version billed, which the
     * cost model prices only when objects carry their version ids; so such a bucket is listed by version.
     */
    private boolean versioned(S3Client s3, String bucket) {
        try {
            BucketVersioningStatus status = s3.getBucketVersioning(v -> v.bucket(bucket)).status();
            return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ArchiverException("--bucket: " + bucket + ": " + (e.awsErrorDetails() == null ? "not found" : e.awsErrorDetails().errorCode()));
            }
            spec.commandLine().getErr().println("archiver: cannot read the versioning of " + bucket + " ("
                    + (e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode()) + "); pass --versions if it is versioned");
            return false;
        }
    }

    private static Table table(PlanSummary s) {
        Table t = new Table(java.util.List.of("target", "moves", "bytes"), false, true, true);
        s.movesByTarget().forEach((c, totals) -> t.row(c, totals.objects(), totals.bytes()));
        return t;
    }
}
