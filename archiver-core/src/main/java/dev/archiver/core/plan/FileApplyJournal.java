package dev.archiver.core.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.StorageClass;
import dev.archiver.core.store.TransitionRequest;
import dev.archiver.core.store.TransitionResult;
import dev.archiver.core.store.TransitionStatus;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@link ApplyJournal#open(Path)}: one JSON line per result, forced to disk before {@link #record} returns. */
final class FileApplyJournal extends InMemoryApplyJournal {
    private final Path file;
    private final FileChannel channel;

    private FileApplyJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static FileApplyJournal open(Path file) {
        FileApplyJournal journal;
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            journal = new FileApplyJournal(file, FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot open apply journal: " + e.getMessage(), e);
        }
        try {
            journal.load();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    private void load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot read apply journal: " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        boolean lastComplete = text.isEmpty() || text.endsWith("\n");
        long validBytes = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean last = i == lines.size() - 1;
            if (line.isBlank()) {
                validBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                continue;
            }
            try {
                super.record(parse(line, file + ":" + (i + 1)));
            } catch (ArchiverException e) {
                if (last && !lastComplete) {
                    break; // a crash cut the last append short: it was never acknowledged, so drop it
                }
                throw e;
            }
            validBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        try {
            // Drop a torn tail (and add a newline a complete last line may lack) so appends start on a line boundary.
            channel.truncate(Math.min(validBytes, bytes.length));
            channel.position(channel.size());
            if (channel.size() > 0 && !lastComplete && validBytes > bytes.length) {
                channel.write(ByteBuffer.wrap(new byte[]{'\n'}));
            }
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot prepare apply journal: " + e.getMessage(), e);
        }
    }

    private static TransitionResult parse(String line, String where) {
        JsonNode n;
        try {
            n = PlanFormat.JSON.readTree(line);
        } catch (IOException e) {
            throw new ArchiverException(where + ": not valid JSON: " + e.getMessage(), e);
        }
        PlanFormat.Fields f = new PlanFormat.Fields(n, where);
        TransitionRequest req = new TransitionRequest(f.text("bucket"), f.text("key"), f.optionalText("versionId"),
                f.optionalText("eTag"), f.longValue("size"), f.enumValue("from", StorageClass.class),
                f.enumValue("to", StorageClass.class));
        return new TransitionResult(req, f.enumValue("status", TransitionStatus.class), f.optionalText("detail"),
                f.optionalText("newVersionId"), f.optionalText("newETag"), (int) f.longValue("attempts"));
    }

    @Override
    public synchronized void record(TransitionResult r) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = PlanFormat.JSON.getFactory().createGenerator(w)) {
            TransitionRequest q = r.request();
            g.writeStartObject();
            g.writeStringField("bucket", q.bucket());
            g.writeStringField("key", q.key());
            g.writeStringField("versionId", q.versionId());
            g.writeStringField("eTag", q.expectedETag());
            g.writeNumberField("size", q.size());
            g.writeStringField("from", q.from().name());
            g.writeStringField("to", q.to().name());
            g.writeStringField("status", r.status().name());
            g.writeStringField("detail", r.detail());
            g.writeStringField("newVersionId", r.newVersionId());
            g.writeStringField("newETag", r.newETag());
            g.writeNumberField("attempts", r.attempts());
            g.writeEndObject();
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot encode journal entry: " + e.getMessage(), e);
        }
        byte[] line = (w + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot append to apply journal: " + e.getMessage(), e);
        }
        super.record(r);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot close apply journal: " + e.getMessage(), e);
        }
    }
}
