package io.lakestream.deploy.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakestream.connectors.kafka.ReplayPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillProgressTest {

    // p0 replays [100, 1100): 1,000 offsets; p1 [0, 3000): 3,000; 4,000 in all
    private static final ReplayPlan PLAN =
            new ReplayPlan(
                    "events", 0, 1, Map.of(0, new long[] {100, 1100}, 1, new long[] {0, 3000}));

    private final BackfillProgress progress = new BackfillProgress(PLAN);

    @Test
    void countsOffsetsReadAgainstThePlanWithRateAndEta() {
        // last offsets read: p0 599 (500 of 1,000 read), p1 1,499 (1,500 of 3,000); 20 s in:
        // 2,000 of 4,000 = 50%, 100 per second, 2,000 left = 20 s
        BackfillProgress.Snapshot s = progress.snapshot(Map.of(0, 599L, 1, 1499L), 20_000);

        assertThat(s.done()).isEqualTo(2_000);
        assertThat(s.total()).isEqualTo(4_000);
        assertThat(s.rate()).isEqualTo(100.0);
        assertThat(s.etaSeconds()).isEqualTo(20);
        assertThat(s.line())
                .isEqualTo(
                        "progress: 2,000/4,000 offsets (50.0%) | p0 500/1,000 p1 1,500/3,000"
                                + " | 100 rec/s | ETA 0:20 | elapsed 0:20");
        assertThat(s.bar())
                .isEqualTo(
                        "[############------------]  50.0% 2,000/4,000 | p0 50% p1 50%"
                                + " | 100 rec/s | ETA 0:20");
    }

    @Test
    void aPartitionNotYetReadCountsNothingAndNoRateMeansNoEta() {
        // p0 not started (no metric yet, or the gauge's initial -1), p1 nothing either
        BackfillProgress.Snapshot s = progress.snapshot(Map.of(1, -1L), 3_000);

        assertThat(s.done()).isZero();
        assertThat(s.etaSeconds()).isEqualTo(-1);
        assertThat(s.line())
                .isEqualTo(
                        "progress: 0/4,000 offsets (0.0%) | p0 0/1,000 p1 0/3,000 | 0 rec/s"
                                + " | ETA ? | elapsed 0:03");
    }

    @Test
    void offsetsBeyondThePlannedEndCountAsTheEnd() {
        // p0 at 5,000 (past its end 1,100: only 1,000 planned); p1 at 2,999: done; 90 s in
        BackfillProgress.Snapshot s = progress.snapshot(Map.of(0, 5_000L, 1, 2_999L), 90_000);

        assertThat(s.done()).isEqualTo(4_000);
        assertThat(s.etaSeconds()).isZero();
        assertThat(s.summary())
                .isEqualTo("progress: 4,000/4,000 offsets (100.0%) read in 1:30, 44 rec/s");
    }

    @Test
    void aFinishedBackfillHasReadItsWholePlan() {
        assertThat(progress.complete(4_000_000).summary())
                .isEqualTo("progress: 4,000/4,000 offsets (100.0%) read in 1:06:40, 1 rec/s");
    }

    @Test
    void etaRoundsUpToTheSecond() {
        // 1,000 read in 3 s: 333.33 per second; 3,000 left = 9 s
        BackfillProgress.Snapshot s = progress.snapshot(Map.of(0, 1099L), 3_000);
        assertThat(s.etaSeconds()).isEqualTo(9);
        // 1,000 read in 7 s: 142.86 per second; 3,000 left = 21 s
        assertThat(progress.snapshot(Map.of(0, 1099L), 7_000).etaSeconds()).isEqualTo(21);
        // 999 read in 1 s; 3,001 left = 3.004 s -> 4 s
        assertThat(progress.snapshot(Map.of(0, 1098L), 1_000).etaSeconds()).isEqualTo(4);
    }

    @Test
    void modesResolveByTerminal() {
        assertThat(ProgressMode.parse("auto").resolve(true)).isEqualTo(ProgressMode.BAR);
        assertThat(ProgressMode.parse("AUTO").resolve(false)).isEqualTo(ProgressMode.LINES);
        assertThat(ProgressMode.parse("lines").resolve(true)).isEqualTo(ProgressMode.LINES);
        assertThat(ProgressMode.parse("none").resolve(true)).isEqualTo(ProgressMode.NONE);
    }

    @Test
    void theBarIsRedrawnInPlaceAndEndsOnAFreshLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressSink bar = ProgressSink.bar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.update("abcdef");
        bar.update("xyz");
        bar.finish("done");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rabcdef\rxyz   \r      \rdone" + System.lineSeparator());
    }
}
