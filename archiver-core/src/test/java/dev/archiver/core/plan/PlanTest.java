package dev.archiver.core.plan;

import dev.archiver.core.Archiver;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.Reason;
import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.store.ObjectSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTest {
    static final long GIB = 1L << 30;
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** p(read) = 1 for keys at the top level (no "/"), else 0. */
    static final AccessPredictor BY_KEY_DEPTH = new AccessPredictor() {
        public String name() {
            return "by-depth";
        }

        public double[] predict(FeatureBatch b) {
            int col = b.column("key_depth");
            double[] p = new double[b.rows()];
            for (int r = 0; r < p.length; r++) {
                p[r] = b.get(r, col) == 0 ? 1 : 0;
            }
            return p;
        }
    };

    static Plan samplePlan() {
        List<ObjectInfo> objects = List.of(
                ObjectInfo.builder("b", "cold/backup one.tar").size(10 * GIB).lastModified(NOW.minus(Duration.ofDays(300)))
                        .eTag("\"a1\"").tags(Map.of("team", "db")).metadata(Map.of("owner", "ünïcode")).build(),
                ObjectInfo.builder("b", "hot.jpg").size(GIB).lastModified(NOW.minus(Duration.ofDays(300))).eTag("\"a2\"").build(),
                ObjectInfo.builder("b", "cold/v.bin").versionId("v1").size(5 * GIB).storageClass(StorageClass.STANDARD_IA)
                        .lastModified(NOW.minus(Duration.ofDays(5))).eTag("\"a3\"").build(),
                ObjectInfo.builder("b", "cold/g").size(GIB).storageClass(StorageClass.GLACIER).lastModified(NOW).eTag("\"a4\"").build());
        long[] tenReads = new long[10];
        for (int i = 0; i < tenReads.length; i++) {
            tenReads[i] = NOW.getEpochSecond() - 86_400L * (i + 1);
        }
        AccessHistory hot = AccessHistory.ofEpochSeconds(tenReads);
        Archiver a = Archiver.builder().predictor(BY_KEY_DEPTH).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .accessHistory(o -> o.key().startsWith("hot") ? hot : AccessHistory.none()).build();
        return a.plan(ObjectSource.of(objects));
    }

    @Test
    void writeThenRead_isLossless(@TempDir Path dir) {
        Plan plan = samplePlan();
        Path f = dir.resolve("plan.jsonl");
        plan.write(f);
        Plan back = Plan.read(f);
        assertEquals(plan.header(), back.header());
        for (int i = 0; i < plan.decisions().size(); i++) {
            assertEquals(plan.decisions().get(i), back.decisions().get(i), "decision " + i);
        }
        assertEquals(plan, back);
        assertEquals(plan.summary(), back.summary());
    }

    @Test
    void summary_countsMovesBytesAndCosts() {
        Plan plan = samplePlan();
        PlanSummary s = plan.summary();
        assertEquals(4, s.objects());
        assertEquals(1, s.moves(), () -> plan.decisions().toString());
        assertEquals(10 * GIB, s.movedBytes());
        assertEquals(1, s.movesByTarget().get(StorageClass.GLACIER_IR).objects());
        assertEquals(1, s.byReason().get(Reason.ARCHIVED));
        assertEquals(3, s.pricedObjects());
        double before = 0;
        double after = 0;
        for (Decision d : plan.decisions()) {
            if (d.keepCost() != null) {
                before += d.keepCost().recurring();
                after += d.chosenCost().recurring();
            }
        }
        double months = 90 * 24 / 730.0;
        assertEquals(before / months, s.monthlyCostBefore(), 1e-12);
        assertEquals(after / months, s.monthlyCostAfter(), 1e-12);
        assertTrue(s.monthlySaving() > 0);
        assertTrue(s.oneTimeCost() > 0);
    }

    @Test
    void read_namesLineOfBadDecision(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("plan.jsonl");
        samplePlan().write(f);
        List<String> lines = Files.readAllLines(f);
        lines.set(2, lines.get(2).replace("\"target\":\"STANDARD\"", "\"target\":\"STANDERD\""));
        Files.write(f, lines);
        ArchiverException e = assertThrows(ArchiverException.class, () -> Plan.read(f));
        assertTrue(e.getMessage().startsWith(f + ":3: target: unknown value 'STANDERD'"), e.getMessage());
    }

    @Test
    void read_rejectsMissingHeaderAndGarbage() {
        assertTrue(assertThrows(ArchiverException.class, () -> Plan.read(new StringReader(""), "p.jsonl"))
                .getMessage().startsWith("p.jsonl:1: empty plan"));
        assertTrue(assertThrows(ArchiverException.class, () -> Plan.read(new StringReader("{\"bucket\":\"b\"}\n"), "p.jsonl"))
                .getMessage().startsWith("p.jsonl:1: not a plan header"));
        assertTrue(assertThrows(ArchiverException.class,
                () -> Plan.read(new StringReader(samplePlanHeader() + "\n{not json\n"), "p.jsonl")).getMessage().startsWith("p.jsonl:2: not valid JSON"));
    }

    private static String samplePlanHeader() {
        return PlanFormat.headerLine(samplePlan().header());
    }
}
