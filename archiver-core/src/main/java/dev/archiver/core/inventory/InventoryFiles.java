package dev.archiver.core.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the files of one S3 Inventory report come from: its {@code manifest.json}, the optional
 * {@code manifest.checksum} beside it, and the data files the manifest lists by key. This is the
 * seam between the reader (pure, in {@code archiver-core}) and storage: {@link #folder(Path)} reads a
 * report copied to a local folder; {@code archiver-aws} implements it over an {@code S3Client} for
 * an {@code s3://bucket/…/manifest.json} URI (the data file keys are keys in the manifest's
 * destination bucket).
 *
 * <pre>{@code
 * InventoryFiles files = InventoryFiles.folder(Path.of("reports/my-bucket/daily/2026-11-01T01-00Z"));
 * InventoryReader reader = InventoryReader.of(files);
 * }</pre>
 */
public interface InventoryFiles {

    /** Names the report in messages (a path or a URI). */
    String name();

    /** The bytes of {@code manifest.json}. @throws IOException when it cannot be read */
    InputStream openManifest() throws IOException;

    /** The bytes of {@code manifest.checksum} (the MD5 of manifest.json in hex), when the report has one. */
    Optional<InputStream> openManifestChecksum() throws IOException;

    /**
     * The raw (still compressed) bytes of the data file the manifest lists under {@code key}.
     *
     * @throws IOException when it cannot be found or read; the message names it
     */
    InputStream openDataFile(String key) throws IOException;

    /** A short name for the data file {@code key} in messages (a local path, or the key). */
    default String describe(String key) {
        return key;
    }

    /**
     * A report copied to a local folder: {@code location} is the {@code manifest.json} file or the
     * folder holding it. A data file listed as {@code prefix/source/config/data/x.csv.gz} is looked
     * for, in order, at its full key under the folder, then as {@code data/x.csv.gz} beside the
     * manifest, then {@code ../data/x.csv.gz} (the layout S3 writes), then {@code x.csv.gz} beside the
     * manifest.
     */
    static InventoryFiles folder(Path location) {
        return new FolderInventoryFiles(location);
    }
}
