package dev.archiver.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.decide.DecisionEngine;
import dev.archiver.core.inventory.InventoryFiles;
import dev.archiver.core.inventory.InventoryReader;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.PlanResult;
import dev.archiver.core.plan.StreamingPlanner;
import dev.archiver.core.predict.LogisticModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated S3 Inventory through the streaming planner: the manifests are the plan's moves,
 * row for row. The plan is checked line by line, never read whole (constant memory is the point).
 */
class InventoryRoundTripTest {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    /** 100,000 in the default build; {@code -Darchiver.roundTripRows=1000000} for the million-row run. */
    static final int ROWS = Integer.getInteger("archiver.roundTripRows", 100_000);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A logistic model with seeded random weights over the default features (what the benchmark uses). */
    static LogisticModel model() {
        return RandomModels.logistic(new SplittableRandom(42), "round-trip");
    }

    static StreamingPlanner planner() {
        return StreamingPlanner.builder(DecisionEngine.builder(model()).build()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .writeKeeps(false).build();
    }

    static final String[] ODD_KEYS = {"odd/a,b,c.txt", "odd/\"quoted\" name.txt", "odd/with  two spaces .txt",
            "odd/ünïcödé/日本語/📦.bin", "odd/plus+percent%25+.bin", "odd/tab\tand;semi:colon?.bin", "odd/new\nline.bin"};

    static InventoryGenerator.Builder withOddKeys(InventoryGenerator.Builder b) {
        for (String k : ODD_KEYS) {
            b.row(InventoryGenerator.Row.of(k, 10L << 20, NOW.minusSeconds(400L * 86_400)));
        }
        return b;
    }

    @Test
    void plan_manifestRowsMatchThePlanExactly_rowForRow() throws IOException {
        Path inv = withOddKeys(InventoryGenerator.builder().bucket("big-bucket").rows(ROWS - ODD_KEYS.length)
                .rowsPerFile(ROWS / 4 + 1).seed(5).versioned(true).now(NOW)).build().write(tmp.resolve("inventory"));
        InventoryReader reader = InventoryReader.of(InventoryFiles.folder(inv));
        PlanResult r = planner().plan(reader, tmp.resolve("out"));

        assertEquals(ROWS, reader.rowsRead());
        long skipped = reader.skipped().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(skipped > 0, "the generator writes noncurrent versions");
        assertEquals(List.of("DELETE_MARKER", "NONCURRENT_VERSION", "SSE_C", "UNSUPPORTED_STORAGE_CLASS"),
                List.copyOf(r.skippedRows().keySet()), "summary.json lists them in one order, run after run");
        assertEquals(ROWS - skipped, r.summary().objects());
        assertTrue(r.summary().moves() > 1000, "enough moves to test: " + r.summary().moves());

        // Expected manifest rows from plan.jsonl, per manifest file, in plan order.
        Map<String, StringBuilder> expected = new HashMap<>();
        long lines = 0;
        try (BufferedReader plan = Files.newBufferedReader(r.folder().resolve("plan.jsonl"), StandardCharsets.UTF_8)) {
            plan.readLine(); // header
            String line;
            while ((line = plan.readLine()) != null) {
                JsonNode d = JSON.readTree(line);
                assertEquals("MOVE", d.get("action").asText());
                String file = d.get("target").asText() + (d.get("size").asLong() > 5L << 30 ? "-over-5GiB" : "") + ".csv";
                String version = d.get("versionId").isNull() ? "null" : d.get("versionId").asText();
                expected.computeIfAbsent(file, f -> new StringBuilder())
                        .append("big-bucket,").append(encode(d.get("key").asText())).append(',').append(version).append('\n');
                lines++;
            }
        }
        assertEquals(r.summary().moves(), lines);
        long manifestRows = 0;
        for (PlanResult.ManifestFile m : r.manifests()) {
            String actual = Files.readString(m.manifest(), StandardCharsets.US_ASCII);
            assertEquals(expected.remove(m.manifest().getFileName().toString()).toString(), actual, m.manifest().toString());
            manifestRows += m.rows();
        }
        assertEquals(Map.of(), expected, "every plan move is in a manifest");
        assertEquals(lines, manifestRows);

        // Odd keys: decoded from the inventory, into the plan, encoded into the manifest, decoded back.
        Map<String, String> decodedManifestKeys;
        try (Stream<Path> files = Files.list(r.folder().resolve("manifests"))) {
            decodedManifestKeys = files.flatMap(InventoryRoundTripTest::lines)
                    .map(l -> URLDecoder.decode(l.split(",")[1].replace("+", "%2B"), StandardCharsets.UTF_8))
                    .filter(k -> k.startsWith("odd/")).collect(Collectors.toMap(k -> k, k -> k));
        }
        for (String k : ODD_KEYS) {
            assertEquals(k, decodedManifestKeys.get(k), "key survived: " + k);
        }
    }

    @Test
    void plan_oddKeys_roundTripThroughPlanRead() {
        Path inv = withOddKeys(InventoryGenerator.builder().bucket("b").rows(0)).build().write(tmp.resolve("inv"));
        PlanResult r = StreamingPlanner.builder(DecisionEngine.builder(model()).build()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build().plan(InventoryReader.of(InventoryFiles.folder(inv)), tmp.resolve("out"));
        List<String> keys = Plan.read(r.folder().resolve("plan.jsonl")).decisions().stream().map(d -> d.object().key()).toList();
        assertEquals(List.of(ODD_KEYS), keys);
    }

    @Test
    void plan_corruptedDataFile_isAnErrorNamingFileAndRow_andLeavesNoManifest() throws IOException {
        Path inv = InventoryGenerator.builder().bucket("b").rows(30_000).rowsPerFile(10_000).seed(9).now(NOW).build()
                .write(tmp.resolve("inv"));
        Path victim;
        try (Stream<Path> data = Files.list(inv.resolve("data"))) {
            victim = data.sorted().toList().get(2);
        }
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            long at = f.length() / 2;
            for (int i = 0; i < 32; i++) {
                f.seek(at + i);
                int b = f.read();
                f.seek(at + i);
                f.write(b ^ 0xA5);
            }
        }
        Path out = tmp.resolve("out");
        ArchiverException e = assertThrows(ArchiverException.class,
                () -> planner().plan(InventoryReader.of(InventoryFiles.folder(inv)), out));
        assertTrue(e.getMessage().contains(victim.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*(row \\d+|after row \\d+).*"), e.getMessage());
        assertFalse(Files.exists(out), "no plan folder");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("inv"), left.map(p -> p.getFileName().toString()).toList(), "no partial folder either");
        }
    }

    @Test
    void plan_isTheSameByteForByte_whateverTheNumberOfThreads() throws IOException {
        Path inv = withOddKeys(InventoryGenerator.builder().bucket("b").rows(20_000).rowsPerFile(3_000).seed(11).versioned(true)
                .now(NOW)).build().write(tmp.resolve("inv"));
        Map<String, String> one = planFiles(inv, tmp.resolve("one"), 1, false);
        Map<String, String> two = planFiles(inv, tmp.resolve("two"), 2, true);
        Map<String, String> three = planFiles(inv, tmp.resolve("three"), 3, true);
        assertTrue(one.keySet().stream().anyMatch(f -> f.startsWith("manifests/")), one.keySet().toString());
        assertEquals(one, two);
        assertEquals(one, three);
    }

    @Test
    void plan_onThreads_reportsTheFirstCorruptFileInManifestOrder() throws IOException {
        Path inv = InventoryGenerator.builder().bucket("b").rows(40_000).rowsPerFile(10_000).seed(9).now(NOW).build()
                .write(tmp.resolve("inv"));
        List<Path> data;
        try (Stream<Path> s = Files.list(inv.resolve("data"))) {
            data = s.sorted().toList();
        }
        Files.write(data.get(1), new byte[]{1, 2, 3}); // not gzip at all: fails at once
        try (RandomAccessFile f = new RandomAccessFile(data.get(3).toFile(), "rw")) {
            f.setLength(f.length() - 100); // truncated: fails at the end
        }
        Path out = tmp.resolve("out");
        StreamingPlanner p = StreamingPlanner.builder(DecisionEngine.builder(model()).build()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .threads(4).build();
        ArchiverException e = assertThrows(ArchiverException.class, () -> p.plan(InventoryReader.of(InventoryFiles.folder(inv)), out));
        assertTrue(e.getMessage().contains(data.get(1).getFileName().toString()), e.getMessage());
        assertFalse(Files.exists(out));
    }

    /** Plans {@code inv} into {@code out}; returns every file of the folder by relative path. */
    private static Map<String, String> planFiles(Path inv, Path out, int threads, boolean pipelined) throws IOException {
        StreamingPlanner.builder(DecisionEngine.builder(model()).build()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).batchSize(100)
                .threads(threads).pipelined(pipelined).build().plan(InventoryReader.of(InventoryFiles.folder(inv)), out);
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(f).toString();
                files.put(rel, Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.US_ASCII).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Batch Operations key encoding, written independently of the library: RFC 3986 unreserved and '/' stay. */
    static String encode(String key) {
        StringBuilder s = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
                    || c == '~' || c == '/') {
                s.append((char) c);
            } else {
                s.append('%').append(String.format("%02X", c));
            }
        }
        return s.toString();
    }
}
