package dev.archiver.aws.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmfMetricsTest {

    @Test
    void toJson_isTheEmbeddedMetricFormat() {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("Handler", "s3");
        dims.put("TargetClass", "GLACIER_IR");
        String json = EmfMetrics.of("Archiver", dims).put("Decisions", 3, "Count").add("BytesMoved", 10, "Bytes")
                .add("BytesMoved", 5, "Bytes").put("PredictorLatency", 1.5, "Milliseconds")
                .toJson(Instant.ofEpochMilli(1_700_000_000_000L));
        assertEquals("{\"_aws\":{\"Timestamp\":1700000000000,\"CloudWatchMetrics\":[{\"Namespace\":\"Archiver\","
                + "\"Dimensions\":[[\"Handler\",\"TargetClass\"]],\"Metrics\":[{\"Name\":\"Decisions\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"BytesMoved\",\"Unit\":\"Bytes\"},{\"Name\":\"PredictorLatency\",\"Unit\":\"Milliseconds\"}]}]},"
                + "\"Handler\":\"s3\",\"TargetClass\":\"GLACIER_IR\",\"Decisions\":3,\"BytesMoved\":15,\"PredictorLatency\":1.5}", json);
    }

    @Test
    void put_refusesNonFiniteValues_andNamesThatClashWithDimensions() {
        EmfMetrics m = EmfMetrics.of("Archiver", Map.of("Handler", "s3"));
        assertThrows(IllegalArgumentException.class, () -> m.put("X", Double.NaN, "Count"));
        assertThrows(IllegalArgumentException.class, () -> m.put("Handler", 1, "Count"));
    }
}
