package dev.archiver.cli;

import dev.archiver.aws.s3.S3ObjectSource;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.object.ObjectInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code archiver explain s3://bucket/key --model|--rule}: the decision for one object and why. Changes nothing. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Decides one object and shows p(read), the cost of each candidate class, the decision and why. Changes nothing.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    DecisionOptions decision;

    @Parameters(index = "0", paramLabel = "s3://BUCKET/KEY", description = "The object.")
    String uri;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        S3Uri target = S3Uri.parse(uri, "s3://BUCKET/KEY");
        ObjectInfo o;
        try (S3Client s3 = aws.s3()) {
            o = S3ObjectSource.head(s3, target.bucket(), target.key())
                    .orElseThrow(() -> new ArchiverException(target + ": no such object"));
        }
        Decision d = decision.archiver(clock, aws).build().decide(o);
        Table costs = new Table(List.of("class", "storage", "reads", "recurring", "one-time", "total"), false, true, true, true, true, true);
        for (CostEstimate c : d.costs()) {
            costs.row(c.storageClass(), Table.money(c.storage()), Table.money(c.reads()), Table.money(c.recurring()),
                    Table.money(c.oneTime()), Table.money(c.total()));
        }
        PrintWriter w = spec.commandLine().getOut();
        switch (format) {
            case json: {
                var root = DemoCommand.Json.MAPPER.createObjectNode();
                root.put("object", target.toString()).put("storageClass", o.storageClass().name()).put("size", o.size())
                        .put("lastModified", o.lastModified().toString()).put("eTag", o.eTag())
                        .put("action", d.action().name()).put("target", d.target().name()).put("reason", d.reason().name())
                        .put("pRead", Double.isNaN(d.pRead()) ? null : d.pRead()).put("expectedSaving", d.expectedSaving())
                        .put("explanation", d.explanation());
                var list = root.putArray("costs");
                for (CostEstimate c : d.costs()) {
                    list.addObject().put("class", c.storageClass().name()).put("recurring", c.recurring())
                            .put("oneTime", c.oneTime()).put("total", c.total());
                }
                w.print(DemoCommand.Json.MAPPER.writeValueAsString(root) + "\n");
                break;
            }
            case csv:
                w.print(costs.csv());
                break;
            default:
                w.printf(Locale.ROOT, "%s  %s, %s, last modified %s, ETag %s%n", target, o.storageClass(), Table.bytes(o.size()),
                        o.lastModified(), o.eTag());
                w.printf(Locale.ROOT, "decision  %s %s (%s): %s%n", d.action(), d.target(), d.reason(), d.explanation());
                if (!d.costs().isEmpty()) {
                    w.print(costs.render());
                }
        }
        w.flush();
        return ArchiverCommand.OK;
    }
}
