package dev.archiver.core.plan;

import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.decide.Action;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.Reason;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PlanLineEncoderTest {
    private static final StorageClass[] CLASSES = StorageClass.values();
    private static final Reason[] REASONS = Reason.values();
    /** Characters that need care: CSV and JSON specials, controls, 2-, 3- and 4-byte UTF-8, lone surrogates. */
    private static final String ODD = ",\"\\ /\t\n\r\b\f\u0000\u0001\u001f\u007f\u0080\u009f\u00e9\u00ff\u0100\u07ff\u0800"
            + "\u4e2d\u2028\u2029\ufeff\uffff\ud83d\udce6\ud800\udfff";

    @Test
    void encoder_writesWhatJacksonWrites_forRandomDecisions() {
        SplittableRandom r = new SplittableRandom(7);
        PlanLineEncoder e = new PlanLineEncoder(); // one for all: its remembered numbers must not leak into other lines
        for (int i = 0; i < 20_000; i++) {
            Decision d = decision(r, true);
            PlanFormat.Lines lines = e.lines(List.of(d), r.nextBoolean());
            if (!d.moves() && lines.count() == 0) {
                assertEquals(0, lines.utf8().length);
                continue;
            }
            assertEquals(1, lines.count());
            byte[] expected = PlanFormat.jacksonLine(d);
            assertArrayEquals(expected, lines.utf8(), () -> "decision " + d + "\njackson: " + new String(expected, StandardCharsets.UTF_8)
                    + "\nours:    " + new String(lines.utf8(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void encoder_linesReadBackEqual() {
        SplittableRandom r = new SplittableRandom(11);
        List<Decision> written = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            written.add(decision(r, false));
        }
        PlanFormat.Lines lines = new PlanLineEncoder().lines(written, true);
        assertEquals(written.size(), lines.count());
        String[] text = new String(lines.utf8(), StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(written.size() + 1, text.length);
        assertEquals("", text[written.size()]);
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i), PlanFormat.readDecision(text[i], "line " + (i + 1)));
        }
    }

    @Test
    void lines_shareTheBatchDecisionTime_andEqualTheWriterPath() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        List<Decision> batch = new ArrayList<>();
        java.io.StringWriter w = new java.io.StringWriter();
        for (int i = 0; i < 200; i++) {
            Decision d = decision(r, false);
            if (i > 0 && r.nextBoolean()) {
                d = new Decision(d.object(), d.action(), d.target(), d.reason(), d.note(), d.pRead(), d.expectedSaving(), d.costs(),
                        batch.get(i - 1).decidedAt());
            }
            batch.add(d);
            PlanFormat.writeDecision(w, d);
        }
        assertEquals(w.toString(), new String(PlanFormat.lines(batch, true).utf8(), StandardCharsets.UTF_8));
    }

    /**
     * A random decision. With {@code edges}, also what does not read back (non-finite doubles,
     * lone surrogates, instants outside years 0–9999).
     */
    static Decision decision(SplittableRandom r, boolean edges) {
        StorageClass current = CLASSES[r.nextInt(CLASSES.length)];
        Reason reason = REASONS[r.nextInt(REASONS.length)];
        StorageClass target = current;
        if (reason.action() == Action.MOVE) {
            while (target == current) {
                target = CLASSES[r.nextInt(CLASSES.length)];
            }
        }
        ObjectInfo o = ObjectInfo.builder(text(r, edges, 1), text(r, edges, 1))
                .versionId(r.nextInt(3) == 0 ? null : text(r, edges, 0))
                .size(size(r))
                .lastModified(instant(r, edges))
                .storageClass(current)
                .eTag(r.nextInt(4) == 0 ? null : "\"" + text(r, edges, 0) + "\"")
                .tags(map(r, edges))
                .metadata(map(r, edges))
                .archiveStatus(r.nextInt(4) == 0 ? text(r, edges, 0) : null)
                .lockedUntil(r.nextInt(4) == 0 ? null : r.nextInt(3) == 0 ? Instant.MAX : instant(r, edges))
                .build();
        List<CostEstimate> costs = new ArrayList<>();
        boolean needsCosts = reason == Reason.CHEAPER || reason == Reason.ALREADY_CHEAPEST;
        if (needsCosts || r.nextBoolean()) {
            costs.add(cost(r, current, true, edges));
            if (target != current) {
                costs.add(cost(r, target, false, edges));
            }
            for (int k = r.nextInt(4); k > 0; k--) {
                costs.add(cost(r, CLASSES[r.nextInt(CLASSES.length)], false, edges));
            }
        }
        double pRead = r.nextInt(4) == 0 ? Double.NaN : number(r, edges);
        return new Decision(o, reason.action(), target, reason, r.nextBoolean() ? "" : text(r, edges, 0), pRead, number(r, edges), costs,
                instant(r, edges));
    }

    private static CostEstimate cost(SplittableRandom r, StorageClass c, boolean keep, boolean edges) {
        return new CostEstimate(c, keep, number(r, edges), number(r, edges), number(r, edges), number(r, edges), number(r, edges),
                number(r, edges), number(r, edges), number(r, edges));
    }

    private static Map<String, String> map(SplittableRandom r, boolean edges) {
        Map<String, String> m = new HashMap<>();
        for (int k = r.nextInt(4) == 0 ? r.nextInt(4) : 0; k > 0; k--) {
            m.put(text(r, edges, 0), text(r, edges, 0));
        }
        return m;
    }

    private static long size(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE - r.nextInt(3);
            case 2 -> r.nextLong(1L << 50);
            default -> r.nextInt(1 << 20);
        };
    }

    private static double number(SplittableRandom r, boolean edges) {
        int k = r.nextInt(edges ? 16 : 13);
        return switch (k) {
            case 0, 1, 2, 3 -> 0.0;
            case 4 -> -0.0;
            case 5 -> r.nextDouble();
            case 6 -> r.nextDouble() * 1e-6;
            case 7 -> Math.round(r.nextDouble() * 1e6) / 1e6;
            case 8 -> new double[]{Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e7, 1e-3, 9.999999e6, 0.001, 1e21, 1e22,
                    4.0000000000000003E-7, 2e-3, 1.0, 100.0}[r.nextInt(13)];
            case 9 -> -r.nextDouble() * 1000;
            case 10 -> Double.longBitsToDouble(r.nextLong() & 0x7fef_ffff_ffff_ffffL);
            case 11 -> -Double.longBitsToDouble(r.nextLong() & 0x7fef_ffff_ffff_ffffL);
            case 12 -> r.nextInt(1000) * 0.0125;
            case 13 -> Double.NaN;
            case 14 -> Double.POSITIVE_INFINITY;
            default -> Double.NEGATIVE_INFINITY;
        };
    }

    private static Instant instant(SplittableRandom r, boolean edges) {
        int k = r.nextInt(edges ? 8 : 6);
        return switch (k) {
            case 0 -> Instant.ofEpochSecond(r.nextLong(4_102_444_800L));
            case 1 -> Instant.ofEpochMilli(r.nextLong(4_102_444_800_000L));
            case 2 -> Instant.ofEpochSecond(r.nextLong(4_102_444_800L), r.nextInt(1_000_000) * 1000L);
            case 3 -> Instant.ofEpochSecond(r.nextLong(-62_167_219_200L, 253_402_300_800L), r.nextInt(1_000_000_000));
            case 4 -> new Instant[]{Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                    Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z")}[r.nextInt(5)];
            case 5 -> Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000));
            case 6 -> new Instant[]{Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
                    Instant.parse("+10000-01-01T00:00:00Z")}[r.nextInt(4)];
            default -> Instant.ofEpochSecond(r.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()), r.nextInt(1_000_000_000));
        };
    }

    /** A random string of at least {@code min} characters, mostly ASCII; not blank when {@code min > 0}. */
    private static String text(SplittableRandom r, boolean edges, int min) {
        StringBuilder sb = new StringBuilder();
        int len = min + r.nextInt(r.nextInt(8) == 0 ? 300 : 30);
        for (int i = 0; i < len; i++) {
            int k = r.nextInt(10);
            if (k < 6) {
                sb.append((char) r.nextInt(0x20, 0x7f));
            } else if (k < 9) {
                char c = ODD.charAt(r.nextInt(ODD.length()));
                if (!edges && Character.isSurrogate(c)) {
                    sb.appendCodePoint(0x1F4E6);
                } else {
                    sb.append(c);
                }
            } else {
                int cp = r.nextInt(0x20, 0x110000);
                if (edges || !(cp >= 0xD800 && cp <= 0xDFFF)) {
                    sb.appendCodePoint(cp);
                }
            }
        }
        if (min > 0 && sb.toString().isBlank()) {
            sb.append('x');
        }
        return sb.toString();
    }
}
