package dev.archiver.cli;

import dev.archiver.core.plan.Plan;
import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.core.simulate.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiverCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return ArchiverCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void demo_passesItsCheck_andBeatsBothBaselinesOnActualCost() {
        DemoRun.Result r = DemoRun.run(new DemoRun.Settings(2_000, 300, 7, 90));
        assertTrue(r.verification().ok(), r.verification().toString());
        assertEquals(r.plan().summary().moves(), r.apply().applied());
        assertTrue(r.apply().notApplied().isEmpty());
        DemoRun.PolicyRow keep = r.policies().get(0);
        DemoRun.PolicyRow rule = r.policies().get(1);
        DemoRun.PolicyRow archiver = r.policies().get(2);
        assertTrue(archiver.actualOverHorizon() < keep.actualOverHorizon(), r.policies().toString());
        assertTrue(archiver.actualOverHorizon() < rule.actualOverHorizon(), r.policies().toString());
        assertEquals(0, archiver.readsWaitingForRestore(), "millisecond classes only by default");
        assertTrue(rule.readsWaitingForRestore() > 0, "the original rule makes readers wait");
    }

    @Test
    void demo_table_printsSummaryAndExitsZero(@TempDir Path dir) {
        int code = run("demo", "--objects", "800", "--days", "240", "--out", dir.toString());
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("Check     PASSED"), text);
        assertTrue(text.contains("keep everything in STANDARD"), text);
        assertTrue(text.contains("original design: older than 30 days -> GLACIER"), text);
        Plan plan = Plan.read(dir.resolve("plan.jsonl"));
        assertTrue(plan.decisions().size() > 0);
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void demo_csvAndJson_writeOneDocumentOnStdout() {
        assertEquals(0, run("demo", "--objects", "500", "--days", "240", "--format", "csv"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("policy,moves,"), lines.get(0));
        assertEquals(4, lines.size());
        out.getBuffer().setLength(0);
        assertEquals(0, run("demo", "--objects", "500", "--days", "240", "--format", "json"), err.toString());
        assertTrue(out.toString().trim().startsWith("{") && out.toString().trim().endsWith("}"));
        assertTrue(out.toString().contains("\"ok\" : true"), out.toString());
    }

    @Test
    void badFlags_exitTwoWithOneLineReason() {
        assertEquals(2, run("demo", "--objects", "many"));
        assertTrue(err.toString().startsWith("archiver: Invalid value for option '--objects'"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "--days", "100"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("--days must be >= 210"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("no-such-command"));
        assertEquals(2, run());
    }

    @Test
    void generateTrace_writesATraceTheStrictReaderAccepts(@TempDir Path dir) {
        Path trace = dir.resolve("trace.csv.gz");
        assertEquals(0, run("generate-trace", "--objects", "300", "--days", "60", "--seed", "3", "--out", trace.toString()), err.toString());
        long events = 0;
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                assertFalse(e.key().isEmpty());
                events++;
            }
        }
        assertTrue(out.toString().contains("wrote " + String.format("%,d", events) + " events"), out.toString());
        assertEquals(2, run("generate-trace", "--objects", "0", "--out", trace.toString()));
        assertTrue(err.toString().contains("objects must be between 1 and"), err.toString());
    }
}
