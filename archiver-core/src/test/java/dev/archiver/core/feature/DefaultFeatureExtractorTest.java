package dev.archiver.core.feature;

import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DefaultFeatureExtractorTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    final FeatureExtractor fx = FeatureExtractor.defaults();

    ObjectInfo object(String key) {
        return ObjectInfo.builder("b", key).size(1023).lastModified(NOW.minusSeconds(86_400 * 10)).build();
    }

    @Test
    void extract_computesAgeSizeReadsAndKeySignals() {
        long day = 86_400;
        long now = NOW.getEpochSecond();
        AccessHistory h = AccessHistory.ofEpochSeconds(now - 2 * day, now - 20 * day, now - 60 * day);
        FeatureVector v = fx.extract(object("logs/app/2025/app.LOG.gz"), h, NOW);
        assertEquals(10, v.value("age_days"), 1e-12);
        assertEquals(Math.log(1 + 1023), v.value("log_size_bytes"), 1e-12);
        assertEquals(0, v.value("never_read"));
        assertEquals(Math.log(1 + 2), v.value("log_days_since_read"), 1e-12);
        assertEquals(Math.log(1 + 1), v.value("log_reads_7d"), 1e-12);
        assertEquals(Math.log(1 + 2), v.value("log_reads_30d"), 1e-12);
        assertEquals(Math.log(1 + 3), v.value("log_reads_90d"), 1e-12);
        assertEquals(3, v.value("key_depth"));
        assertEquals(1, v.value("ext_log"), "app.LOG.gz looks through .gz to .log, any case");
        assertEquals(0, v.value("ext_compressed"));
        assertEquals(1, v.value("kw_log"));
        assertEquals(0, v.value("kw_backup"));
        double prefixOnes = 0;
        for (String n : v.names()) {
            if (n.startsWith("prefix_")) {
                prefixOnes += v.value(n);
            }
        }
        assertEquals(1, prefixOnes);
    }

    @Test
    void extract_agesFromCreatedAt_whileMinimumDurationCountsFromTheMove() {
        Instant created = NOW.minusSeconds(86_400L * 400);
        Instant moved = NOW.minusSeconds(86_400L * 10);
        ObjectInfo o = ObjectInfo.builder("b", "data/x.csv").size(1 << 20).lastModified(moved)
                .storageClass(dev.archiver.core.object.StorageClass.GLACIER_IR)
                .metadata(java.util.Map.of(ObjectInfo.CREATED_METADATA_KEY, created.toString(), "owner", "alice")).build();

        FeatureVector v = fx.extract(o, AccessHistory.none(), NOW);

        assertEquals(400, v.value("age_days"), 1e-12);
        assertEquals(Math.log(1 + 400), v.value("log_age_days"), 1e-12);
        assertEquals(Math.log(1 + 400), v.value("log_days_since_read"), 1e-12, "never read: the age since creation");
        // GLACIER_IR's 90-day minimum restarted with the copy 10 days ago.
        assertEquals(80, dev.archiver.core.cost.CostModel.defaults().remainingMinimumDays(o, NOW), 1e-9);
    }

    @Test
    void extract_agesFromLastModified_whenCreatedMetadataIsInvalidOrLater() {
        for (String bad : new String[]{"yesterday", "", "2026-01-01T00:00:00", NOW.plusSeconds(86_400).toString()}) {
            ObjectInfo o = object("a/b.bin").toBuilder()
                    .metadata(java.util.Map.of(ObjectInfo.CREATED_METADATA_KEY, bad)).build();

            assertEquals(10, fx.extract(o, AccessHistory.none(), NOW).value("age_days"), 1e-12, bad);
        }
    }

    @Test
    void extract_neverRead_usesAgeAsTimeSinceRead() {
        FeatureVector v = fx.extract(object("media/a.jpg"), AccessHistory.none(), NOW);
        assertEquals(1, v.value("never_read"));
        assertEquals(Math.log(1 + 10), v.value("log_days_since_read"), 1e-12);
        assertEquals(1, v.value("ext_image"));
        assertEquals(0, v.value("key_depth") - 1);
    }

    @Test
    void extract_ignoresReadsAtOrAfterNow() {
        long now = NOW.getEpochSecond();
        AccessHistory past = AccessHistory.ofEpochSeconds(now - 86_400);
        AccessHistory withFuture = AccessHistory.ofEpochSeconds(now - 86_400, now, now + 5, now + 86_400 * 3);
        assertArrayEquals(fx.extract(object("x/y.csv"), past, NOW).values(), fx.extract(object("x/y.csv"), withFuture, NOW).values());
    }

    @Test
    void extract_prefixBucketDependsOnFirstSegmentOnly() {
        FeatureVector a = fx.extract(object("backups/2025/a.tar"), AccessHistory.none(), NOW);
        FeatureVector b = fx.extract(object("backups/other/b.tar"), AccessHistory.none(), NOW);
        FeatureVector c = fx.extract(object("logs/other/b.tar"), AccessHistory.none(), NOW);
        assertEquals(prefix(a), prefix(b));
        assertNotEquals(-1, prefix(c));
    }

    private static int prefix(FeatureVector v) {
        for (int i = 0; i < 16; i++) {
            if (v.value(String.format("prefix_%02d", i)) == 1) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void extensionFamily_everyKnownExtension_anyCase_andTheRestAreOther() {
        String[][] families = {
                {"log", "log", "txt"},
                {"compressed", "gz", "zip", "bz2", "zst", "tgz", "tar", "7z", "xz"},
                {"image", "jpg", "jpeg", "png", "gif", "webp", "heic"},
                {"video", "mp4", "mov", "mkv", "avi", "webm"},
                {"tabular", "csv", "tsv", "parquet", "orc", "json", "jsonl", "avro"},
                {"backup", "bak", "dump", "snap"},
                {"scientific", "h5", "hdf5", "nc", "fits", "npy"},
                {"other", "exe", "jpgx", "parquet2", "verylongext", "", "j_g"}};
        for (String[] f : families) {
            for (int i = 1; i < f.length; i++) {
                for (String ext : new String[]{f[i], f[i].toUpperCase(java.util.Locale.ROOT)}) {
                    String key = "data/x." + ext;
                    assertEquals(1, fx.extract(object(key), AccessHistory.none(), NOW).value("ext_" + f[0]), key);
                }
            }
        }
        assertEquals(1, fx.extract(object("a.b/c"), AccessHistory.none(), NOW).value("ext_other"), "a dot in a folder is no extension");
    }
}
