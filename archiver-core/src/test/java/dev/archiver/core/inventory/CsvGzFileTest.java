package dev.archiver.core.inventory;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvGzFileTest {

    @Test
    void fieldEnd_findsTheFirstDelimiter_likeAByteByByteScan() {
        SplittableRandom r = new SplittableRandom(7);
        byte[] alphabet = {'a', ',', '\n', '\r', '"', (byte) 0xC3, (byte) 0xBC, (byte) 0x80, (byte) 0xFF, 0x2B, 0x2D, 0x0B, 0x0C, 0x0E, 0};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(1, 40)];
            int sparse = r.nextInt(1, 30); // mostly plain bytes, sometimes dense delimiters
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(sparse) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(-128, 128);
            }
            int from = r.nextInt(b.length);
            int lim = r.nextInt(from, b.length + 1);
            int expected = from;
            while (expected < lim && b[expected] != ',' && b[expected] != '\n' && b[expected] != '\r') {
                expected++;
            }
            assertEquals(expected, CsvGzFile.fieldEnd(b, from, lim), () -> java.util.Arrays.toString(b) + " from " + from + " lim " + lim);
        }
    }

    @Test
    void quoteAt_findsTheFirstQuote_likeAByteByByteScan() {
        SplittableRandom r = new SplittableRandom(9);
        byte[] alphabet = {'a', ',', '"', '"', (byte) 0xA2, (byte) (0x22 ^ 0x80), 0x21, 0x23, 0x02, 0};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(1, 40)];
            int sparse = r.nextInt(1, 30);
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(sparse) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(-128, 128);
            }
            int from = r.nextInt(b.length);
            int lim = r.nextInt(from, b.length + 1);
            int expected = from;
            while (expected < lim && b[expected] != '"') {
                expected++;
            }
            assertEquals(expected, CsvGzFile.quoteAt(b, from, lim), () -> java.util.Arrays.toString(b) + " from " + from + " lim " + lim);
        }
    }

    @Test
    void percentOrPlusAt_findsTheFirstOne_likeAByteByByteScan() {
        SplittableRandom r = new SplittableRandom(10);
        byte[] alphabet = {'a', '%', '+', (byte) ('%' ^ 0x80), (byte) ('+' ^ 0x80), '$', ',', '*', 0};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(1, 40)];
            int sparse = r.nextInt(1, 30);
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(sparse) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(-128, 128);
            }
            int from = r.nextInt(b.length);
            int lim = r.nextInt(from, b.length + 1);
            int expected = from;
            while (expected < lim && b[expected] != '%' && b[expected] != '+') {
                expected++;
            }
            assertEquals(expected, CsvGzFile.percentOrPlusAt(b, from, lim), () -> java.util.Arrays.toString(b) + " from " + from + " lim " + lim);
        }
    }

    @Test
    void next_splitsRowsAsAReferenceParser_acrossBufferEnds() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            StringBuilder csv = new StringBuilder();
            List<List<String>> rows = new ArrayList<>();
            int rowCount = r.nextInt(1, 60);
            for (int i = 0; i < rowCount; i++) {
                List<String> fields = new ArrayList<>();
                int n = r.nextInt(1, 18);
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        csv.append(',');
                    }
                    String v = field(r);
                    if (n == 1 && v.isEmpty()) {
                        v = "x"; // a blank line is no row
                    }
                    boolean quote = r.nextInt(5) > 0 || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                            || v.indexOf('\r') >= 0;
                    if (quote) {
                        csv.append('"').append(v.replace("\"", "\"\"")).append('"');
                    } else {
                        csv.append(v);
                    }
                    fields.add(v);
                }
                rows.add(fields);
                if (i < rowCount - 1 || r.nextBoolean()) {
                    csv.append(r.nextBoolean() ? "\n" : "\r\n");
                }
            }
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream o = new GZIPOutputStream(gz)) {
                o.write(csv.toString().getBytes(StandardCharsets.UTF_8));
            }
            try (CsvGzFile f = new CsvGzFile("t.csv.gz", new ByteArrayInputStream(gz.toByteArray()))) {
                f.buf = new byte[r.nextInt(1, 64)]; // rows cross the buffer's end at every place
                for (List<String> expected : rows) {
                    assertEquals(true, f.next(), "row " + (f.row + 1) + " of " + csv);
                    List<String> got = new ArrayList<>();
                    for (int k = 0; k < f.fieldCount; k++) {
                        String s = new String(f.buf, f.start[k], f.end[k] - f.start[k], StandardCharsets.UTF_8);
                        got.add(f.escaped[k] ? s.replace("\"\"", "\"") : s);
                    }
                    assertEquals(expected, got, "row " + f.row + " of " + csv);
                }
                assertEquals(false, f.next());
            }
        }
    }

    private static String field(SplittableRandom r) {
        String alphabet = "abcXYZ019 ,\"\n\r\u00e9\u4e2d.-_/%+";
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(3) == 0 ? r.nextInt(0, 80) : r.nextInt(0, 12);
        for (int i = 0; i < len; i++) {
            sb.append(r.nextInt(3) == 0 ? alphabet.charAt(r.nextInt(alphabet.length())) : (char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }
}
