package dev.archiver.core.inventory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes small inventory folders by hand for reader tests (the testkit's generator depends on core). */
final class TestInventory {
    private final Path dir;
    private final String schema;
    private final List<String> entries = new ArrayList<>();

    TestInventory(Path dir, String schema) {
        this.dir = dir;
        this.schema = schema;
    }

    static byte[] gzip(String csv) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(b)) {
                g.write(csv.getBytes(StandardCharsets.UTF_8));
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a data file holding {@code bytes}, listed with their true size and MD5. */
    TestInventory file(String name, byte[] bytes) {
        return file(name, bytes, bytes.length, InventoryManifest.md5Hex(bytes));
    }

    /** Adds a data file holding {@code bytes}, listed with the given size and MD5. */
    TestInventory file(String name, byte[] bytes, long listedSize, String listedMd5) {
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.write(dir.resolve("data").resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.add("{\"key\":\"prefix/src/cfg/data/" + name + "\",\"size\":" + listedSize + ",\"MD5checksum\":\"" + listedMd5 + "\"}");
        return this;
    }

    TestInventory csv(String name, String csv) {
        return file(name, gzip(csv));
    }

    /** Writes manifest.json (and manifest.checksum when {@code checksum}); returns the folder. */
    Path write(String format, boolean checksum) {
        String json = "{\"sourceBucket\":\"src\",\"destinationBucket\":\"arn:aws:s3:::dest\",\"version\":\"2016-11-30\","
                + "\"creationTimestamp\":\"1762000000000\",\"fileFormat\":\"" + format + "\",\"fileSchema\":\"" + schema
                + "\",\"files\":[" + String.join(",", entries) + "]}";
        try {
            Files.writeString(dir.resolve("manifest.json"), json);
            if (checksum) {
                Files.writeString(dir.resolve("manifest.checksum"),
                        HexFormat.of().formatHex(InventoryManifest.md5().digest(json.getBytes(StandardCharsets.UTF_8))) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    Path write() {
        return write("CSV", true);
    }
}
