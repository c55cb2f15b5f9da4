package dev.archiver.examples.lambda;

import dev.archiver.testkit.MotoServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.archiver.testkit.InventoryGenerator;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ScheduledScanHandler against moto with a clock that advances per request: several short invocations, one pass. */
class LambdaScheduledScanTest {

    @RegisterExtension
    static final MotoServerExtension MOTO = new MotoServerExtension();
    private static final int OBJECTS = 25;

    private MotoWorld world;
    private Map<String, String> env;

    @BeforeEach
    void setUp() {
        world = new MotoWorld(MOTO.endpoint());
        world.bucket("data", false);
        world.bucket("state", false);
        for (int i = 0; i < OBJECTS; i++) {
            world.put("data", String.format("logs/%02d part+%d é.gz", i, i));
        }
        world.put("data", "other/outside-the-prefix.bin");
        env = MotoWorld.env("ARCHIVER_SCAN_BUCKET", "data", "ARCHIVER_SCAN_PREFIX", "logs/", "ARCHIVER_STATE", "s3://state/archiver/",
                "ARCHIVER_SCAN_CHUNK", "4", "ARCHIVER_SCAN_RESERVE_MS", "500");
        world.stepPerRequest = Duration.ofMillis(100);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private ScheduledScanHandler handler() {
        return new ScheduledScanHandler(world.s3, HandlerConfig.from(env), world.clock, world.out);
    }

    /** A 3-second invocation on the world's clock. */
    private LongSupplier budget() {
        Instant deadline = world.clock.instant().plusSeconds(3);
        return () -> deadline.toEpochMilli() - world.clock.millis();
    }

    @Test
    void scan_overSeveralShortInvocations_finishesThePrefixExactlyOnce_thenIdles() {
        ScheduledScanHandler h = handler();
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 40 && !statuses.contains("FINISHED"); i++) {
            statuses.add(h.scan("req-" + i, budget()).status());
        }
        assertTrue(statuses.size() > 2, statuses::toString);
        assertEquals("FINISHED", statuses.get(statuses.size() - 1), statuses::toString);
        assertTrue(statuses.subList(0, statuses.size() - 1).stream().allMatch("SCANNED"::equals), statuses::toString);
        assertEquals(OBJECTS, world.copies.size(), world.copies::toString);
        assertTrue(world.copies.values().stream().allMatch(n -> n == 1), world.copies::toString);
        assertTrue(world.copies.keySet().stream().allMatch(k -> k.startsWith("data/logs/")));

        // a fresh container (no journal in memory) resumes from S3 and finds the pass done
        assertEquals("IDLE", handler().scan("req-later", budget()).status());
        world.clock.advance(Duration.ofHours(25));
        ScheduledScanHandler.ScanResult next = handler().scan("req-next-day", budget());
        assertEquals(2, next.pass(), next::toString);
        assertEquals(OBJECTS, world.totalCopies(), "the second pass finds every object in its decided class");
    }

    @Test
    void twoOverlappingInvocations_neverApplyTheSameObjectTwice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<String> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int round = 0; round < 30 && !statuses.contains("FINISHED"); round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> runs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    String owner = "req-" + round + "-" + t;
                    ScheduledScanHandler h = handler();
                    runs.add(pool.submit(() -> {
                        start.await();
                        return h.scan(owner, budget()).status();
                    }));
                }
                start.countDown();
                for (Future<String> f : runs) {
                    statuses.add(f.get());
                }
            }
            assertTrue(statuses.contains("FINISHED"), statuses::toString);
            assertTrue(statuses.contains("LEASE_HELD"), statuses::toString);
            assertEquals(OBJECTS, world.copies.size(), world.copies::toString);
            assertTrue(world.copies.values().stream().allMatch(n -> n == 1), world.copies::toString);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseHeldByAStalledInvocation_blocksUntilItsDeadline_thenTheNextOneResumes() {
        Instant expires = world.clock.instant().plusSeconds(10);
        world.s3.putObject(p -> p.bucket("state").key("archiver/scan/data/" + leaseFolder() + "/lease.json"),
                RequestBody.fromString("{\"owner\":\"stalled\",\"expiresAt\":\"" + expires + "\"}"));

        assertEquals("LEASE_HELD", handler().scan("req-1", budget()).status());
        assertEquals(0, world.totalCopies());
        world.clock.set(expires.plusMillis(1));
        assertEquals("SCANNED", handler().scan("req-2", budget()).status());
        assertTrue(world.totalCopies() > 0);
    }

    @Test
    void scan_ofTheLatestS3InventoryReport_finishesItExactlyOnce_andWaitsForANewerReport(@TempDir Path tmp) throws IOException {
        world.bucket("inventory-data", false);
        InventoryGenerator.Builder g = InventoryGenerator.builder().bucket("data").rows(0);
        for (S3Object o : world.s3.listObjectsV2(l -> l.bucket("data").prefix("logs/")).contents()) {
            g.row(new InventoryGenerator.Row(o.key(), null, true, false, o.size(), o.lastModified(), o.eTag().replace("\"", ""),
                    "STANDARD", "SSE-S3", null, null, "OFF", null));
        }
        Path report = g.build().write(tmp.resolve("report"));
        String folder = "data/daily/";
        // an older, broken report: picking it instead of the newest would fail
        world.s3.putObject(p -> p.bucket("inventory-data").key(folder + "2026-10-31T01-00Z/manifest.json"), RequestBody.fromString("{}"));
        world.s3.putObject(p -> p.bucket("inventory-data").key(folder + "2026-11-01T01-00Z/manifest.json"),
                RequestBody.fromFile(report.resolve("manifest.json")));
        try (Stream<Path> files = Files.list(report.resolve("data"))) {
            for (Path f : files.collect(Collectors.toList())) {
                world.s3.putObject(p -> p.bucket("inventory-data").key("inventory/data/daily/data/" + f.getFileName()),
                        RequestBody.fromFile(f));
            }
        }
        env.remove("ARCHIVER_SCAN_BUCKET");
        env.put("ARCHIVER_SCAN_INVENTORY", "s3://inventory-data/" + folder);
        env.put("ARCHIVER_SCAN_CHUNK", "3");

        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 40 && !statuses.contains("FINISHED"); i++) {
            statuses.add(handler().scan("req-" + i, budget()).status());
        }

        assertTrue(statuses.size() > 2 && statuses.get(statuses.size() - 1).equals("FINISHED"), statuses::toString);
        assertEquals(OBJECTS, world.copies.size(), world.copies::toString);
        assertTrue(world.copies.values().stream().allMatch(n -> n == 1), world.copies::toString);
        world.clock.advance(Duration.ofHours(25));
        assertEquals("IDLE", handler().scan("req-next-day", budget()).status(), "no newer report, no new pass");
    }

    private static String leaseFolder() {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest("logs/".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "prefix-" + java.util.HexFormat.of().formatHex(h).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
