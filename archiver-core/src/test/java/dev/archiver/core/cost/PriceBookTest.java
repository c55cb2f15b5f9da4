package dev.archiver.core.cost;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceBookTest {

    static String bundledText() throws IOException {
        try (InputStream in = PriceBook.class.getResourceAsStream("/dev/archiver/core/cost/us-east-1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void usEast1_matchesAwsFacts() {
        PriceBook b = PriceBook.usEast1();
        assertEquals("us-east-1@2026-11-21", b.name());
        assertEquals(0.023, b.prices(StorageClass.STANDARD).storagePerGbMonth());
        assertEquals(0.0125, b.prices(StorageClass.STANDARD_IA).storagePerGbMonth());
        assertEquals(0.01, b.prices(StorageClass.ONEZONE_IA).storagePerGbMonth());
        assertEquals(0.004, b.prices(StorageClass.GLACIER_IR).storagePerGbMonth());
        assertEquals(0.0036, b.prices(StorageClass.GLACIER).storagePerGbMonth());
        assertEquals(0.00099, b.prices(StorageClass.DEEP_ARCHIVE).storagePerGbMonth());
        assertEquals(0.03, b.prices(StorageClass.GLACIER_IR).retrievalPerGb());
        assertEquals(0.05, b.prices(StorageClass.DEEP_ARCHIVE).putPer1000());
        assertEquals(0.02, b.prices(StorageClass.DEEP_ARCHIVE).restore(RestoreTier.STANDARD).orElseThrow().perGb());
        assertTrue(b.prices(StorageClass.DEEP_ARCHIVE).restore(RestoreTier.EXPEDITED).isEmpty());
        assertTrue(b.prices(StorageClass.STANDARD).lifecycleTransitionPer1000().isEmpty());
        assertEquals(0.0025, b.intelligentTiering().monitoringPer1000ObjectsMonth());
        assertEquals(131072, b.intelligentTiering().monitoringMinimumBytes());
    }

    @Test
    void load_readsAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("eu.json");
        Files.writeString(f, bundledText().replace("\"us-east-1\"", "\"eu-west-1\""));
        assertEquals("eu-west-1", PriceBook.load(f).region());
    }

    @Test
    void parse_missingField_namesSourceAndPath() throws IOException {
        String broken = bundledText().replace("\"BULK\": { \"perGb\": 0, \"per1000\": 0, \"hours\": 12 }",
                "\"BULK\": { \"per1000\": 0, \"hours\": 12 }");
        ArchiverException e = assertThrows(ArchiverException.class, () -> PriceBook.parse(broken, "prices.json"));
        assertEquals("prices.json: classes.GLACIER.restore.BULK.perGb: missing", e.getMessage());
    }

    @Test
    void parse_missingClass_isAnError() throws IOException {
        String text = bundledText();
        int start = text.indexOf("\"ONEZONE_IA\"");
        int end = text.indexOf("\"GLACIER_IR\"");
        ArchiverException e = assertThrows(ArchiverException.class,
                () -> PriceBook.parse(text.substring(0, start) + text.substring(end), "p.json"));
        assertTrue(e.getMessage().startsWith("p.json: classes.ONEZONE_IA: missing"), e.getMessage());
    }

    @Test
    void parse_negativeOrWrongType_namesField() throws IOException {
        String neg = bundledText().replaceFirst("\"storagePerGbMonth\": 0.023", "\"storagePerGbMonth\": -1");
        ArchiverException e = assertThrows(ArchiverException.class, () -> PriceBook.parse(neg, "p.json"));
        assertTrue(e.getMessage().contains("classes.STANDARD.storagePerGbMonth: must be a finite number >= 0"), e.getMessage());
        String str = bundledText().replaceFirst("\"storagePerGbMonth\": 0.023", "\"storagePerGbMonth\": \"0.023\"");
        e = assertThrows(ArchiverException.class, () -> PriceBook.parse(str, "p.json"));
        assertTrue(e.getMessage().contains("classes.STANDARD.storagePerGbMonth: must be a number"), e.getMessage());
    }

    @Test
    void parse_unknownFieldOrClass_isAnError() throws IOException {
        String typo = bundledText().replaceFirst("\"retrievalPerGb\": 0.01,", "\"retreivalPerGb\": 0.01, \"retrievalPerGb\": 0.01,");
        ArchiverException e = assertThrows(ArchiverException.class, () -> PriceBook.parse(typo, "p.json"));
        assertTrue(e.getMessage().contains("retreivalPerGb: unknown field"), e.getMessage());
        String cls = bundledText().replace("\"ONEZONE_IA\"", "\"ONE_ZONE\"");
        e = assertThrows(ArchiverException.class, () -> PriceBook.parse(cls, "p.json"));
        assertTrue(e.getMessage().contains("classes.ONE_ZONE: unknown S3 storage class"), e.getMessage());
    }

    @Test
    void parse_malformedJson_namesLine() {
        ArchiverException e = assertThrows(ArchiverException.class, () -> PriceBook.parse("{\n\"format\": ", "p.json"));
        assertTrue(e.getMessage().startsWith("p.json: not valid JSON"), e.getMessage());
        assertThrows(ArchiverException.class, () -> PriceBook.load(Path.of("/nonexistent/prices.json")));
    }
}
