package dev.archiver.core.simulate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class CsvRecordsTest {
    /**
     * Random records of plain, empty and quoted fields (commas, doubled quotes, line breaks inside), LF or CRLF
     * endings, several times the reader's 64 KiB buffer: every field comes back as written, whether it is taken whole
     * from the buffer or character by character (across a refill, or after a CR).
     */
    @Test
    void randomRecords_comeBackAsWritten_acrossBufferRefills() throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        List<List<String>> records = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (text.length() < 600_000) {
            List<String> fields = new ArrayList<>();
            StringBuilder record = new StringBuilder();
            int n = rnd.nextInt(1, 6);
            for (int i = 0; i < n; i++) {
                String f = field(rnd);
                fields.add(f);
                boolean quote = f.isEmpty() ? rnd.nextInt(4) == 0 : f.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n') || rnd.nextInt(8) == 0;
                if (i > 0) {
                    record.append(',');
                }
                record.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
            }
            if (record.length() == 0) {
                continue; // an empty line is not a record
            }
            records.add(fields);
            text.append(record).append(rnd.nextInt(3) == 0 ? "\r\n" : "\n");
        }
        CsvRecords csv = new CsvRecords(new StringReader(text.toString()));
        for (int r = 0; r < records.size(); r++) {
            assertEquals(true, csv.next(), "record " + r);
            assertNull(csv.problem(), "record " + r);
            assertEquals(records.get(r), csv.fields(), "record " + r);
        }
        assertFalse(csv.next());
    }

    /** A quote or CR inside an unquoted field is still seen when the field lies whole in the buffer. */
    @Test
    void quoteInsideUnquotedField_isAProblem_andCrlfEndsTheRecord() throws IOException {
        CsvRecords csv = new CsvRecords(new StringReader("ab\"c,d\nx,y\r\nz\n"));
        assertEquals(true, csv.next());
        assertEquals("a quote inside an unquoted field (quote the whole field and double the quote)", csv.problem());
        assertEquals(List.of("ab\"c", "d"), csv.fields());
        assertEquals(true, csv.next());
        assertNull(csv.problem());
        assertEquals(List.of("x", "y"), csv.fields());
        assertEquals(true, csv.next());
        assertEquals(List.of("z"), csv.fields());
        assertEquals(3, csv.recordLine());
        assertFalse(csv.next());
    }

    private static String field(SplittableRandom rnd) {
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            return "";
        }
        String alphabet = kind == 1 ? "ab,\"\n\r é" : "abcdefghijklmnopqrstuvwxyz0123456789/._-:TZ";
        StringBuilder b = new StringBuilder();
        for (int i = rnd.nextInt(1, 60); i > 0; i--) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
