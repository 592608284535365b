package io.lakestream.pipelines.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void agreesWithInstantOnRandomInstants() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long millis = r.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
            String text = Instant.ofEpochMilli(millis).toString();
            if (text.length() == 20) { // Instant omits a zero millisecond part
                text = text.substring(0, 19) + ".000Z";
            } else if (text.length() != 24) {
                continue;
            }
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(millis);
        }
    }

    @Test
    void rejectsAnythingButTheContractFormat() {
        for (String bad :
                new String[] {
                    "2026-11-20T10:15:30Z",
                    "2026-11-20T10:15:30.12Z",
                    "2026-11-20 10:15:30.123Z",
                    "2026-11-20T10:15:30.123+00:00",
                    "2026-13-20T10:15:30.123Z",
                    "2026-11-31T10:15:30.123Z",
                    "2026-11-20T24:00:00.000Z",
                    "2026-11-20T10:60:00.000Z",
                    "20x6-11-20T10:15:30.123Z",
                    ""
                }) {
            assertThat(Timestamps.parse(bad)).as(bad).isEqualTo(Timestamps.INVALID);
        }
    }
}
