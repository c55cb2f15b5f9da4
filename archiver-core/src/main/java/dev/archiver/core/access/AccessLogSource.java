package dev.archiver.core.access;

import dev.archiver.core.ArchiverException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where S3 server access log files come from. {@link #local(List)} reads files and folders on
 * local disk; the {@code s3://bucket/prefix} source (listing and streaming objects through the
 * caller's S3 client) is {@code dev.archiver.aws.s3.S3AccessLogSource} in {@code archiver-aws}.
 *
 * <pre>{@code
 * AccessLogSource logs = AccessLogSource.local(List.of(Path.of("logs/"), Path.of("extra.log.gz")));
 * for (AccessLogSource.LogFile f : logs.files()) {
 *     try (InputStream in = f.open()) { ... }   // raw bytes; the parser detects gzip itself
 * }
 * }</pre>
 */
public interface AccessLogSource {

    /** The log files, in a stable order (the parser reads them one after the other). */
    List<LogFile> files();

    /**
     * One log file: a name used in error messages and a way to open its raw bytes (plain or gzip;
     * the parser recognises gzip by its magic bytes, whatever the name).
     */
    interface LogFile {
        /** The name printed in reports, such as a path or an {@code s3://} URI. */
        String name();

        /** Opens the raw bytes; the caller closes the stream. */
        InputStream open() throws IOException;
    }

    /**
     * Local files and folders: a folder contributes every regular, non-hidden file below it,
     * sorted by path (S3 names log objects by delivery time, so this is roughly time order).
     *
     * @throws ArchiverException when a path does not exist
     */
    static AccessLogSource local(List<Path> paths) {
        List<LogFile> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new ArchiverException(p + ": no such file or folder");
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(f -> files.add(new LocalLogFile(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot list: " + e.getMessage(), e);
                }
            } else {
                files.add(new LocalLogFile(p));
            }
        }
        List<LogFile> copy = List.copyOf(files);
        return () -> copy;
    }

    /** Local files and folders; see {@link #local(List)}. */
    static AccessLogSource local(Path... paths) {
        return local(List.of(paths));
    }

    /** A file on local disk. */
    record LocalLogFile(Path path) implements LogFile {
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }
}
