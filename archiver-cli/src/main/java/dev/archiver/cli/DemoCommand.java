package dev.archiver.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.plan.PlanSummary;
import dev.archiver.core.store.TransitionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code archiver demo}: the whole pipeline on an in-memory bucket, no AWS account needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on an in-memory bucket seeded by the synthetic workload generator: "
                + "trains a model on the first months, plans, applies, checks that every object's bytes, metadata and "
                + "tags survived, and compares the cost with keeping everything in STANDARD and with the original "
                + "design's rule (older than 30 days -> GLACIER).",
                "Exit 0 when the check passes, 1 when any object was not moved or changed."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--objects", description = "Objects in the synthetic bucket (default: ${DEFAULT-VALUE}).")
    int objects = 5_000;

    @Option(names = "--days", description = "Days of bucket life to generate (default: ${DEFAULT-VALUE}).")
    int days = 365;

    @Option(names = "--seed", description = "Random seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--horizon-days", description = "Cost and label horizon in days (default: ${DEFAULT-VALUE}).")
    int horizonDays = 90;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write plan.jsonl, summary.json and model.json here.")
    Path out;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        DemoRun.Settings settings = new DemoRun.Settings(objects, days, seed, horizonDays);
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "archiver demo: %,d objects over %d days (seed %d), deciding with a %d-day horizon...%n",
                objects, days, seed, horizonDays);
        long t0 = System.nanoTime();
        DemoRun.Result r = DemoRun.run(settings);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (out != null) {
            write(r);
        }
        PrintWriter o = spec.commandLine().getOut();
        switch (format) {
            case json -> o.print(json(r, ms));
            case csv -> o.print(policyTable(r).csv());
            default -> o.print(text(r, ms));
        }
        o.flush();
        boolean ok = r.verification().ok() && !r.apply().hasFailures() && r.apply().notApplied().isEmpty();
        return ok ? ArchiverCommand.OK : ArchiverCommand.SOME_FAILED;
    }

    private void write(DemoRun.Result r) {
        try {
            Files.createDirectories(out);
            r.plan().write(out.resolve("plan.jsonl"));
            Files.writeString(out.resolve("summary.json"), Json.MAPPER.writeValueAsString(Json.summary(r.plan().summary(), r.plan())));
        } catch (IOException e) {
            throw new ArchiverException(out + ": cannot write demo output: " + e.getMessage(), e);
        }
    }

    static Table policyTable(DemoRun.Result r) {
        Table t = new Table(List.of("policy", "moves", "projected $/month", "one-time $", "actual $ next " + r.settings().horizonDays() + " days",
                "reads waiting for restore", "restore wait hours"), false, true, true, true, true, true, true);
        for (DemoRun.PolicyRow p : r.policies()) {
            t.row(p.name(), Table.count(p.moves()), Table.money(p.projectedMonthly()), Table.money(p.oneTime()),
                    Table.money(p.actualOverHorizon()), Table.count(p.readsWaitingForRestore()),
                    String.format(Locale.ROOT, "%,.0f", p.restoreWaitHours()));
        }
        return t;
    }

    private static String text(DemoRun.Result r, long ms) {
        StringBuilder sb = new StringBuilder();
        PlanSummary s = r.plan().summary();
        DemoRun.ModelInfo m = r.model();
        DemoRun.Verification v = r.verification();
        sb.append(String.format(Locale.ROOT, "Bucket    %s objects, %s, as it stood on %s (in memory, synthetic)%n",
                Table.count(r.bucketObjects()), Table.bytes(r.bucketBytes()), r.decisionTime()));
        sb.append(String.format(Locale.ROOT, "Model     logistic regression on %d snapshots before that day: %s rows, %.1f%% read within %d days, "
                        + "%s in %d iterations%n", m.snapshots(), Table.count(m.rows()), 100 * m.positiveRate(), r.settings().horizonDays(),
                m.converged() ? "converged" : "NOT converged", m.iterations()));
        sb.append(String.format(Locale.ROOT, "Plan      %s moves (%s) of %s decisions; %s kept, by reason: %s%n",
                Table.count(s.moves()), Table.bytes(s.movedBytes()), Table.count(s.objects()), Table.count(s.objects() - s.moves()),
                s.byReason()));
        sb.append(String.format(Locale.ROOT, "Apply     %s applied, %s not applied%n", Table.count(r.apply().applied()),
                Table.count(r.apply().notApplied().size())));
        for (TransitionResult n : r.apply().notApplied().subList(0, Math.min(5, r.apply().notApplied().size()))) {
            sb.append("            ").append(n.request().location()).append(": ").append(n.status()).append(' ').append(n.detail()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Check     %s: %s objects before, %s after; content changed %d, metadata changed %d, tags changed %d, "
                        + "wrong class %d%n", v.ok() ? "PASSED" : "FAILED", Table.count(v.objectsBefore()), Table.count(v.objectsAfter()),
                v.contentChanged(), v.metadataChanged(), v.tagsChanged(), v.classWrong()));
        v.problems().forEach(p -> sb.append("            ").append(p).append('\n'));
        sb.append('\n');
        Table classes = new Table(List.of("storage class after plan", "objects", "bytes", "moved here", "moved bytes"),
                false, true, true, true, true);
        for (Map.Entry<StorageClass, PlanSummary.ClassTotals> e : s.byClassAfter().entrySet()) {
            PlanSummary.ClassTotals moved = s.movesByTarget().get(e.getKey());
            classes.row(e.getKey(), Table.count(e.getValue().objects()), Table.bytes(e.getValue().bytes()),
                    Table.count(moved == null ? 0 : moved.objects()), Table.bytes(moved == null ? 0 : moved.bytes()));
        }
        sb.append(classes.render()).append('\n');
        sb.append(policyTable(r).render());
        sb.append(String.format(Locale.ROOT, "%nprojected: the cost model's expectation with the model's p(read) (%s prices, 730-hour months);%n"
                        + "actual: the same bucket priced with the reads that really followed in the next %d days (hindsight).%n"
                        + "Finished in %,d ms. Write the plan with --out DIR; see it line by line with jq.%n",
                r.plan().header().priceBook(), r.settings().horizonDays(), ms));
        return sb.toString();
    }

    private static String json(DemoRun.Result r, long ms) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("decisionTime", r.decisionTime().toString());
        root.put("bucketObjects", r.bucketObjects());
        root.put("bucketBytes", r.bucketBytes());
        root.set("model", Json.MAPPER.valueToTree(r.model()));
        root.set("plan", Json.summary(r.plan().summary(), r.plan()));
        ObjectNode apply = root.putObject("apply");
        apply.put("applied", r.apply().applied());
        apply.put("notApplied", r.apply().notApplied().size());
        root.set("verification", Json.MAPPER.valueToTree(r.verification()));
        root.get("verification").isObject();
        ((ObjectNode) root.get("verification")).put("ok", r.verification().ok());
        ArrayNode policies = root.putArray("policies");
        r.policies().forEach(p -> policies.add(Json.MAPPER.valueToTree(p)));
        root.put("elapsedMillis", ms);
        return Json.MAPPER.writeValueAsString(root) + "\n";
    }

    /** JSON helpers shared by commands. */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        static ObjectNode summary(PlanSummary s, dev.archiver.core.plan.Plan plan) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("priceBook", plan.header().priceBook());
            n.put("currency", plan.header().currency());
            n.put("horizonDays", plan.header().horizonDays());
            n.put("predictor", plan.header().predictor());
            n.put("objects", s.objects());
            n.put("bytes", s.bytes());
            n.put("moves", s.moves());
            n.put("movedBytes", s.movedBytes());
            n.set("byClassAfter", MAPPER.valueToTree(s.byClassAfter()));
            n.set("movesByTarget", MAPPER.valueToTree(s.movesByTarget()));
            n.set("byReason", MAPPER.valueToTree(s.byReason()));
            n.put("pricedObjects", s.pricedObjects());
            n.put("predictionFailures", s.predictionFailures());
            n.put("monthlyCostBefore", s.monthlyCostBefore());
            n.put("monthlyCostAfter", s.monthlyCostAfter());
            n.put("oneTimeCost", s.oneTimeCost());
            n.put("paybackMonths", s.paybackMonths());
            n.put("expectedRestoreWaitHours", s.expectedRestoreWaitHours());
            return n;
        }
    }
}
