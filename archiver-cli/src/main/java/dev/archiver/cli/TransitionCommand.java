package dev.archiver.cli;

import dev.archiver.aws.s3.S3CopyTransitioner;
import dev.archiver.aws.s3.S3ObjectSource;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code archiver transition s3://bucket/key --to CLASS [--yes]}: one object, with the same safety checks. */
@Command(name = "transition", mixinStandardHelpOptions = true,
        description = "Moves one object to a storage class with a conditional in-place copy; without --yes only says what it would do.")
final class TransitionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Parameters(index = "0", paramLabel = "s3://BUCKET/KEY", description = "The object.")
    String uri;

    @Option(names = "--to", required = true, paramLabel = "CLASS", description = "Target storage class.")
    String to;

    @Option(names = "--yes", description = "Really move it (default: dry run).")
    boolean yes;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    @Override
    public Integer call() throws Exception {
        S3Uri target = S3Uri.parse(uri, "s3://BUCKET/KEY");
        StorageClass toClass;
        try {
            toClass = StorageClass.fromAwsName(to);
        } catch (IllegalArgumentException e) {
            throw new ArchiverException("--to: " + e.getMessage());
        }
        try (S3Client s3 = aws.s3()) {
            ObjectInfo o = S3ObjectSource.head(s3, target.bucket(), target.key())
                    .orElseThrow(() -> new ArchiverException(target + ": no such object"));
            TransitionResult r;
            if (o.storageClass() == toClass) {
                r = null;
                print(target, o, toClass, "KEEP", "already " + toClass);
                return ArchiverCommand.OK;
            }
            if (o.isArchived()) {
                print(target, o, toClass, TransitionStatus.SKIPPED_ARCHIVED.name(), "archived objects are never a copy source; restore it first");
                return ArchiverCommand.SOME_FAILED;
            }
            if (!yes) {
                print(target, o, toClass, "DRY_RUN", "would copy in place, conditional on ETag " + o.eTag() + "; add --yes to move it");
                return ArchiverCommand.OK;
            }
            r = S3CopyTransitioner.builder(s3).build().transition(new TransitionRequest(o.bucket(), o.key(), null, o.eTag(),
                    o.size(), o.storageClass(), toClass));
            print(target, o, toClass, r.status().name(), r.detail());
            return r.status() == TransitionStatus.APPLIED ? ArchiverCommand.OK : ArchiverCommand.SOME_FAILED;
        }
    }

    private void print(S3Uri target, ObjectInfo o, StorageClass toClass, String status, String detail) throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        switch (format) {
            case json:
                w.print(DemoCommand.Json.MAPPER.writeValueAsString(DemoCommand.Json.MAPPER.createObjectNode()
                        .put("object", target.toString()).put("from", o.storageClass().name()).put("to", toClass.name())
                        .put("eTag", o.eTag()).put("status", status).put("detail", detail)) + "\n");
                break;
            case csv:
                w.print(new Table(java.util.List.of("object", "from", "to", "status", "detail"))
                        .row(target, o.storageClass(), toClass, status, detail).csv());
                break;
            default:
                w.printf(Locale.ROOT, "%s %s -> %s: %s (%s)%n", target, o.storageClass(), toClass, status, detail);
        }
        w.flush();
    }
}
