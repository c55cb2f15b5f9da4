package dev.archiver.core.plan;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.decide.Decision;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reviewable list of decisions: what would move where and why, before anything moves. A plan
 * is written as JSON Lines (a header line, then one decision per line; {@code docs/plan-format.md})
 * and reads back equal.
 *
 * <pre>{@code
 * Plan plan = archiver.plan(source);
 * plan.write(Path.of("plan.jsonl"));
 * Plan reviewed = Plan.read(Path.of("plan.jsonl"));
 * ApplyReport report = archiver.apply(reviewed);
 * }</pre>
 */
public final class Plan {
    private final PlanHeader header;
    private final List<Decision> decisions;
    private PlanSummary summary;

    public Plan(PlanHeader header, List<Decision> decisions) {
        this.header = Objects.requireNonNull(header, "header");
        this.decisions = List.copyOf(decisions);
    }

    public PlanHeader header() {
        return header;
    }

    /** Every decision, KEEP and MOVE, in source order. */
    public List<Decision> decisions() {
        return decisions;
    }

    /** The MOVE decisions. */
    public List<Decision> moves() {
        List<Decision> m = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.moves()) {
                m.add(d);
            }
        }
        return m;
    }

    /** The plan's totals. */
    public synchronized PlanSummary summary() {
        if (summary == null) {
            summary = PlanSummary.of(decisions, header.horizonDays());
        }
        return summary;
    }

    /** Writes the plan as JSON Lines. */
    public void write(Writer out) throws IOException {
        out.write(PlanFormat.headerLine(header));
        out.write('\n');
        for (Decision d : decisions) {
            PlanFormat.writeDecision(out, d);
        }
        out.flush();
    }

    /**
     * Writes the plan to {@code file} atomically: to a temporary file beside it, then renamed,
     * so a reader never sees half a plan.
     */
    public void write(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(w);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot write plan: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the partial file is named .partial and never read as a plan
                }
            }
        }
    }

    /** Reads a plan file. @throws ArchiverException naming the file and line of the first problem */
    public static Plan read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot read plan: " + e.getMessage(), e);
        }
    }

    /** Reads a plan; {@code sourceName} names it in errors. */
    public static Plan read(Reader in, String sourceName) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String first = r.readLine();
        if (first == null || first.isBlank()) {
            throw new ArchiverException(sourceName + ":1: empty plan (a plan file starts with a header line)");
        }
        PlanHeader header = PlanFormat.readHeader(first, sourceName + ":1");
        List<Decision> decisions = new ArrayList<>();
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            decisions.add(PlanFormat.readDecision(line, sourceName + ":" + n));
        }
        return new Plan(header, decisions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && header.equals(p.header) && decisions.equals(p.decisions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, decisions);
    }

    @Override
    public String toString() {
        return "Plan[" + decisions.size() + " decisions, " + header.priceBook() + "]";
    }
}
