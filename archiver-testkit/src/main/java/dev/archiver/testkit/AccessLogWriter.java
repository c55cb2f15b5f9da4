package dev.archiver.testkit;

import dev.archiver.core.simulate.TraceEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Renders a trace (such as a {@link Workload}'s events) as S3 server access log lines, all 27
 * documented fields, so tests and benchmarks have logs with known signal. Writes become
 * {@code REST.PUT.OBJECT}, reads {@code REST.GET.OBJECT}, deletes {@code REST.DELETE.OBJECT}; with
 * {@link Builder#noise(boolean)} it adds lines that must not count as reads: a {@code REST.HEAD.OBJECT}
 * before every 5th read, a {@code 403 AccessDenied} GET after every 7th, and a bucket listing every 11th.
 * Deterministic: the same events give the same bytes.
 *
 * <pre>{@code
 * Workload w = WorkloadGenerator.builder().objects(2_000).days(240).seed(7).build().generate();
 * AccessLogWriter writer = AccessLogWriter.builder().bucket("example-bucket").noise(true).build();
 * writer.writeDaily(w.events(), dir);              // one file per day, like S3's delivery
 * writer.write(w.events(), dir.resolve("all.log.gz")); // one gzip file
 * }</pre>
 */
public final class AccessLogWriter {
    private static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private final String bucket;
    private final boolean noise;

    private AccessLogWriter(Builder b) {
        this.bucket = b.bucket;
        this.noise = b.noise;
    }

    /** Bucket {@code example-bucket}, no noise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Writes every event into {@code file} (gzip when the name ends in {@code .gz}); returns the lines written. */
    public long write(Iterable<TraceEvent> events, Path file) {
        try (Writer out = open(file)) {
            Render r = new Render();
            long n = 0;
            for (TraceEvent e : events) {
                n += r.render(e, out);
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the events into {@code dir}, one plain file per UTC day named like S3's log objects
     * ({@code 2025-01-01-00-00-00-0000000000000000}); returns the lines written.
     */
    public long writeDaily(Iterable<TraceEvent> events, Path dir) {
        try {
            Files.createDirectories(dir);
            Render r = new Render();
            long n = 0;
            LocalDate day = null;
            Writer out = null;
            try {
                for (TraceEvent e : events) {
                    LocalDate d = LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC);
                    if (!d.equals(day)) {
                        if (out != null) {
                            out.close();
                        }
                        day = d;
                        out = open(dir.resolve(d + "-00-00-00-" + String.format("%016X", (long) d.hashCode())));
                    }
                    n += r.render(e, out);
                }
            } finally {
                if (out != null) {
                    out.close();
                }
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** The log lines of {@code events} as one string (for small tests). */
    public String render(Iterable<TraceEvent> events) {
        java.io.StringWriter sw = new java.io.StringWriter();
        Render r = new Render();
        try {
            for (TraceEvent e : events) {
                r.render(e, sw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    private static Writer open(Path file) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            os = new GZIPOutputStream(os, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
        return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    }

    /** S3's key encoding: UTF-8 bytes, percent-encoded except unreserved characters and {@code /}. */
    public static String encodeKey(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 8);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Formats an epoch second as the log's bracketed time, {@code [06/Feb/2019:00:00:38 +0000]}. */
    public static String time(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        return String.format("[%02d/%s/%04d:%02d:%02d:%02d +0000]", t.getDayOfMonth(), MONTHS[t.getMonthValue() - 1],
                t.getYear(), t.getHour(), t.getMinute(), t.getSecond());
    }

    private final class Render {
        final Map<String, Long> sizes = new HashMap<>();
        long requests;
        long reads;
        long lastSecond = Long.MIN_VALUE;
        String lastTime;

        int render(TraceEvent e, Writer out) throws IOException {
            long s = e.timestamp().getEpochSecond();
            if (s != lastSecond) {
                lastSecond = s;
                lastTime = time(s);
            }
            String key = encodeKey(e.key());
            int lines = 0;
            switch (e.operation()) {
                case PUT -> {
                    sizes.put(e.key(), e.sizeBytes());
                    line(out, "REST.PUT.OBJECT", key, "PUT", 200, "-", 0, e.sizeBytes());
                    lines++;
                }
                case GET -> {
                    long size = sizes.getOrDefault(e.key(), 0L);
                    reads++;
                    if (noise && reads % 5 == 0) {
                        line(out, "REST.HEAD.OBJECT", key, "HEAD", 200, "-", 0, size);
                        lines++;
                    }
                    line(out, "REST.GET.OBJECT", key, "GET", 200, "-", size, size);
                    lines++;
                    if (noise && reads % 7 == 0) {
                        line(out, "REST.GET.OBJECT", key, "GET", 403, "AccessDenied", 243, size);
                        lines++;
                    }
                    if (noise && reads % 11 == 0) {
                        line(out, "REST.GET.BUCKET", "-", "GET", 200, "-", 4096, -1);
                        lines++;
                    }
                }
                case DELETE -> {
                    sizes.remove(e.key());
                    line(out, "REST.DELETE.OBJECT", key, "DELETE", 204, "-", 0, -1);
                    lines++;
                }
            }
            return lines;
        }

        void line(Writer out, String op, String key, String method, int status, String error, long sent, long size)
                throws IOException {
            long id = ++requests;
            String uri = method + " /" + bucket + (key.equals("-") ? "?list-type=2" : "/" + key) + " HTTP/1.1";
            StringBuilder sb = new StringBuilder(400);
            sb.append(OWNER).append(' ').append(bucket).append(' ').append(lastTime).append(" 192.0.2.")
                    .append(1 + (id % 250)).append(" arn:aws:iam::123456789012:user/app ")
                    .append(String.format("%016X", id * 0x9E3779B97F4A7C15L >>> 1)).append(' ').append(op).append(' ')
                    .append(key).append(" \"").append(uri).append("\" ").append(status).append(' ').append(error)
                    .append(' ').append(sent <= 0 ? "-" : Long.toString(sent)).append(' ')
                    .append(size < 0 ? "-" : Long.toString(size)).append(' ').append(10 + id % 90).append(' ')
                    .append(5 + id % 20).append(" \"-\" \"aws-sdk-java/2.40.2 Linux/6.1 OpenJDK_64-Bit_Server_VM/17\" - ")
                    .append("s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=")
                    .append(" SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader ").append(bucket)
                    .append(".s3.us-east-1.amazonaws.com TLSv1.2 - - -\n");
            out.write(sb.toString());
        }
    }

    /** Builds a writer; every setter validates at once. */
    public static final class Builder {
        private String bucket = "example-bucket";
        private boolean noise;

        private Builder() {
        }

        /**
         * The bucket named in every line (default {@code example-bucket}).
         *
         * @throws IllegalArgumentException when blank or holding a space
         */
        public Builder bucket(String bucket) {
            if (bucket == null || bucket.isBlank() || bucket.contains(" ")) {
                throw new IllegalArgumentException("bucket must be a non-blank name without spaces, was '" + bucket + "'");
            }
            this.bucket = bucket;
            return this;
        }

        /** Add HEADs, denied GETs and listings that a parser must not count as reads (default false). */
        public Builder noise(boolean noise) {
            this.noise = noise;
            return this;
        }

        public AccessLogWriter build() {
            return new AccessLogWriter(this);
        }
    }
}
