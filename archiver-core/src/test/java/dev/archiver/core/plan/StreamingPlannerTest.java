package dev.archiver.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.cost.CostModel;
import dev.archiver.core.cost.PriceBook;
import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.DecisionEngine;
import dev.archiver.core.decide.Reason;
import dev.archiver.core.object.AccessHistoryProvider;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.predict.AccessPredictor;
import dev.archiver.core.store.ObjectSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingPlannerTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final long GIB = 1L << 30;

    @TempDir
    Path tmp;

    static DecisionEngine engine() {
        return DecisionEngine.builder(PlanTest.BY_KEY_DEPTH)
                .costModel(CostModel.builder(PriceBook.usEast1()).noncurrentVersionDays(0).build()).build();
    }

    static StreamingPlanner.Builder planner(boolean pipelined) {
        return StreamingPlanner.builder(engine()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).batchSize(7).pipelined(pipelined);
    }

    /** Cold objects under "cold/" (move), hot ones at the top level (keep); some keys need encoding. */
    static List<ObjectInfo> objects(int n) {
        List<ObjectInfo> out = new ArrayList<>();
        String[] odd = {"cold/a,b.txt", "cold/quote\"d.txt", "cold/with space.txt", "cold/ünïcödé 📦.bin", "cold/plus+%.bin"};
        for (int i = 0; i < n; i++) {
            String key = i < odd.length ? odd[i] : (i % 3 == 0 && i != 6 ? "hot-" + i + ".jpg" : "cold/object-" + i + ".bin");
            out.add(ObjectInfo.builder("bkt", key).size(i == 6 ? 6 * GIB : GIB).lastModified(NOW.minus(Duration.ofDays(200)))
                    .eTag("\"e" + i + "\"").versionId(i % 2 == 0 ? "v" + i : null).build());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void plan_writesManifestRowsMatchingTheMoves_inPlanOrder(boolean pipelined) throws IOException {
        List<ObjectInfo> objects = objects(100);
        Path out = tmp.resolve("out");
        PlanResult r = planner(pipelined).build().plan(ObjectSource.of(objects), true, out);

        Plan plan = Plan.read(out.resolve("plan.jsonl"));
        List<Decision> expected = engine().decideAll(objects, AccessHistoryProvider.none(), NOW);
        assertEquals(expected, plan.decisions());
        assertEquals(PlanSummary.of(expected, 90), r.summary());

        List<String> rows = new ArrayList<>();
        for (PlanResult.ManifestFile m : r.manifests()) {
            rows.addAll(Files.readAllLines(m.manifest(), StandardCharsets.US_ASCII));
            assertEquals(Files.readAllLines(m.manifest()).size(), m.rows());
        }
        List<String> fromPlan = plan.moves().stream()
                .sorted((a, b) -> Boolean.compare(a.object().size() > 5 * GIB, b.object().size() > 5 * GIB))
                .map(d -> "bkt," + BatchManifests.encodeKey(d.object().key()) + "," + (d.object().versionId() == null ? "null" : d.object().versionId()))
                .collect(Collectors.toList());
        assertFalse(fromPlan.isEmpty());
        assertEquals(fromPlan, rows);
        assertTrue(rows.contains("bkt,cold/a%2Cb.txt,v0"), rows.toString());
        assertTrue(rows.contains("bkt,cold/quote%22d.txt,null"), rows.toString());
        assertTrue(rows.contains("bkt,cold/with%20space.txt,v2"), rows.toString());
        assertTrue(rows.contains("bkt,cold/%C3%BCn%C3%AFc%C3%B6d%C3%A9%20%F0%9F%93%A6.bin,null"), rows.toString());
        assertTrue(rows.contains("bkt,cold/plus%2B%25.bin,v4"), rows.toString());
    }

    @Test
    void plan_splitsObjectsOver5GiB_intoALambdaJob() throws IOException {
        Path out = tmp.resolve("out");
        PlanResult r = planner(false).build().plan(ObjectSource.of(objects(10)), false, out);
        PlanResult.ManifestFile big = r.manifests().stream().filter(PlanResult.ManifestFile::overSingleCopyLimit).findFirst().orElseThrow();
        assertEquals(List.of("bkt,cold/object-6.bin"), Files.readAllLines(big.manifest()));
        JsonNode job = PlanFormat.JSON.readTree(big.job().toFile());
        assertTrue(job.path("Operation").has("LambdaInvoke"), job.toString());
        assertEquals("2.0", job.path("Operation").path("LambdaInvoke").path("InvocationSchemaVersion").asText());
        PlanResult.ManifestFile copy = r.manifests().stream().filter(m -> !m.overSingleCopyLimit()).findFirst().orElseThrow();
        JsonNode copyJob = PlanFormat.JSON.readTree(copy.job().toFile());
        JsonNode op = copyJob.path("Operation").path("S3PutObjectCopy");
        assertEquals("arn:aws:s3:::bkt", op.path("TargetResource").asText());
        assertEquals(copy.target().name(), op.path("StorageClass").asText());
        assertEquals("COPY", op.path("MetadataDirective").asText());
        assertEquals("S3BatchOperations_CSV_20180820", copyJob.path("Manifest").path("Spec").path("Format").asText());
        assertEquals("[\"Bucket\",\"Key\"]", copyJob.path("Manifest").path("Spec").path("Fields").toString());
        assertEquals(copy.md5(), copyJob.path("Manifest").path("Location").path("ETag").asText());
        assertTrue(copyJob.path("ConfirmationRequired").asBoolean());
        JsonNode summary = PlanFormat.JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(r.summary().moves(), summary.path("moves").asLong());
        assertEquals(2, summary.path("manifests").size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void plan_leavesNoOutput_whenTheSourceFailsMidway(boolean pipelined) throws IOException {
        List<ObjectInfo> objects = objects(50);
        ObjectSource failing = () -> Stream.concat(objects.stream(), Stream.of(0).map(x -> {
            throw new ArchiverException("data/x.csv.gz: row 51: expected 6 columns");
        }));
        Path out = tmp.resolve("out");
        ArchiverException e = assertThrows(ArchiverException.class, () -> planner(pipelined).build().plan(failing, false, out));
        assertTrue(e.getMessage().contains("row 51"), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "no partial folder left behind");
        }
    }

    @Test
    void plan_refuses_whenTheFolderIsNotEmpty() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("old.txt"), "x");
        ArchiverException e = assertThrows(ArchiverException.class,
                () -> planner(false).build().plan(ObjectSource.of(objects(3)), false, out));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
    }

    @Test
    void plan_writesOnlyMoves_whenKeepsAreOff_butSummarisesAll() {
        List<ObjectInfo> objects = objects(30);
        Path out = tmp.resolve("out");
        PlanResult r = planner(true).writeKeeps(false).build().plan(ObjectSource.of(objects), false, out);
        Plan plan = Plan.read(out.resolve("plan.jsonl"));
        assertEquals(plan.moves(), plan.decisions());
        assertEquals(r.summary().moves(), plan.decisions().size());
        assertEquals(30, r.summary().objects());
    }

    @Test
    void plan_reportsProgress() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        planner(false).progress(PlanProgress.printingTo(ps, 0)).build().plan(ObjectSource.of(objects(20)), false, tmp.resolve("o"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("20 objects (20.0 GiB)") || text.contains("20 objects (25.0 GiB)"), text);
        assertTrue(text.contains("moves"), text);
    }

    @Test
    void progressLine_showsRateAndEta() {
        assertEquals("1,000,000 objects (1.0 GiB), 500,000 objects/s, 25% read, ETA 0:00:06",
                PlanProgress.line(1_000_000, 1L << 30, 2000, 0.25));
    }

    @Test
    void encodeKey_percentEncodesAllButUnreservedAndSlash() {
        assertEquals("a/b-c_d.e~f%20g%2Ch%22i%2Bj%25k", BatchManifests.encodeKey("a/b-c_d.e~f g,h\"i+j%k"));
        assertEquals("%E2%82%AC%F0%9F%98%80", BatchManifests.encodeKey("€😀"));
    }

    @Test
    void lockedObject_isKeptUnderCopy_butNotUnderLifecycle() {
        ObjectInfo locked = ObjectInfo.builder("b", "cold/x").size(GIB).lastModified(NOW.minus(Duration.ofDays(400)))
                .eTag("\"e\"").lockedUntil(NOW.plus(Duration.ofDays(1))).build();
        Decision d = engine().decide(locked, null, NOW);
        assertEquals(Reason.OBJECT_LOCKED, d.reason());
        assertTrue(d.explanation().contains("Object Lock"), d.explanation());
        Decision expired = engine().decide(locked.toBuilder().lockedUntil(NOW.minusSeconds(1)).build(), null, NOW);
        assertTrue(expired.moves(), expired.toString());
        DecisionEngine lifecycle = DecisionEngine.builder(PlanTest.BY_KEY_DEPTH)
                .costModel(CostModel.builder(PriceBook.usEast1()).transitionMethod(TransitionMethod.LIFECYCLE).build()).build();
        assertTrue(lifecycle.decide(locked, null, NOW).moves(), "a lifecycle transition works on locked objects");
    }

    @Test
    void lockedUntil_roundTripsThroughThePlanFormat() throws IOException {
        List<ObjectInfo> objects = List.of(
                ObjectInfo.builder("b", "cold/x").size(GIB).lockedUntil(Instant.MAX).build(),
                ObjectInfo.builder("b", "cold/y").size(GIB).lockedUntil(Instant.parse("2030-01-01T00:00:00Z")).build(),
                ObjectInfo.builder("b", "cold/z").size(GIB).build());
        Path out = tmp.resolve("out");
        planner(false).build().plan(ObjectSource.of(objects), false, out);
        List<ObjectInfo> back = Plan.read(out.resolve("plan.jsonl")).decisions().stream().map(Decision::object).toList();
        assertEquals(objects, back);
    }

    @Test
    void lines_areThePlanLinesOneByOne_movesOnlyUnlessKeeps() throws IOException {
        List<ObjectInfo> objects = new ArrayList<>(objects(38));
        objects.add(ObjectInfo.builder("bkt", "tiny").size(10).lastModified(NOW.minus(Duration.ofDays(200))).eTag("\"t\"").build());
        objects.add(ObjectInfo.builder("bkt", "new").size(GIB).lastModified(NOW).eTag("\"n\"").build());
        List<Decision> decisions = engine().decideAll(objects, AccessHistoryProvider.none(), NOW);
        java.io.StringWriter all = new java.io.StringWriter();
        java.io.StringWriter moves = new java.io.StringWriter();
        for (Decision d : decisions) {
            PlanFormat.writeDecision(all, d);
            if (d.moves()) {
                PlanFormat.writeDecision(moves, d);
            }
        }
        PlanFormat.Lines keeps = PlanFormat.lines(decisions, true);
        assertEquals(all.toString(), new String(keeps.utf8(), StandardCharsets.UTF_8));
        assertEquals(40, keeps.count());
        PlanFormat.Lines onlyMoves = PlanFormat.lines(decisions, false);
        assertEquals(moves.toString(), new String(onlyMoves.utf8(), StandardCharsets.UTF_8));
        assertTrue(onlyMoves.count() > 0 && onlyMoves.count() < 40, "some moves, some keeps: " + onlyMoves.count());
    }

    @Test
    void number_writesWhatJacksonWrites() throws IOException {
        for (double v : new double[]{0.0, -0.0, 1.0, 4.0000000000000003E-7, 1e300, Double.MIN_VALUE}) {
            java.io.StringWriter ours = new java.io.StringWriter();
            java.io.StringWriter jackson = new java.io.StringWriter();
            try (var g = PlanFormat.JSON.getFactory().createGenerator(ours); var h = PlanFormat.JSON.getFactory().createGenerator(jackson)) {
                g.writeStartObject();
                PlanFormat.number(g, "x", v);
                g.writeEndObject();
                h.writeStartObject();
                h.writeNumberField("x", v);
                h.writeEndObject();
            }
            assertEquals(jackson.toString(), ours.toString(), "v = " + v);
        }
    }

    @Test
    void accumulator_equalsSummaryOfTheList() {
        List<Decision> ds = engine().decideAll(objects(40), AccessHistoryProvider.none(), NOW);
        PlanSummary.Accumulator a = PlanSummary.accumulator(90);
        IntStream.range(0, ds.size()).forEach(i -> a.add(ds.get(i)));
        assertEquals(PlanSummary.of(ds, 90), a.summary());
        assertEquals(40, a.objectsSoFar());
    }
}
