package dev.archiver.cli;

import dev.archiver.aws.s3.S3ObjectSource;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.PlanSummary;
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
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code archiver plan --bucket B}: lists the bucket, decides every object, writes the plan. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Lists a bucket (ListObjectsV2), decides every object and writes plan.jsonl and summary.json. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    DecisionOptions decision;

    @Option(names = "--bucket", required = true, paramLabel = "B", description = "Bucket to list.")
    String bucket;

    @Option(names = "--prefix", paramLabel = "P", description = "Only keys starting with P.")
    String prefix;

    @Option(names = "--versions", description = "List with ListObjectVersions (versioned buckets): plans the current version of each key.")
    boolean versions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write plan.jsonl and summary.json to.")
    Path out;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        var archiver = decision.archiver(clock, aws).build();
        long started = System.nanoTime();
        Plan plan;
        try (S3Client s3 = aws.s3()) {
            boolean listVersions = versions || versioned(s3);
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
        spec.commandLine().getErr().printf(Locale.ROOT, "planned %,d objects of s3://%s/%s in %.2f s; wrote %s%n",
                s.objects(), bucket, prefix == null ? "" : prefix, seconds, out.resolve("plan.jsonl"));
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

    /**
     * In a versioning-enabled (or suspended) bucket a copy leaves the old version billed, which the
     * cost model prices only when objects carry their version ids; so such a bucket is listed by version.
     */
    private boolean versioned(S3Client s3) {
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
