package io.lakestream.pipelines.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backfill reads past its last date only by the horizon its pipelines declare, and before its
 * first date only by their history.
 */
class RunSpecHorizonTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    private static final long DAY_END = 1_793_577_600_000L; // 2026-11-02T00:00:00Z
    private static final long DAY_MS = 86_400_000L;

    private static RunSpec backfill(String... pipelines) {
        return RunSpec.builder()
                .mode(RunMode.BACKFILL)
                .lake("/tmp/lake")
                .runId("r")
                .pipelines(List.of(pipelines))
                .range(DAY, DAY)
                .lookback(Duration.ofHours(1))
                .build();
    }

    @Test
    void withoutTrainingExamplesTheWindowIsUnchanged() {
        RunSpec spec = backfill("ingest", "user_daily");
        assertThat(spec.horizon()).isZero();
        assertThat(spec.eventsEndMillis()).isEqualTo(DAY_END);
        assertThat(spec.replayEndMillis()).isEqualTo(DAY_END + 3_600_000L);
        assertThat(spec.readsUsers()).isFalse();
        assertThat(spec.history()).isZero();
        assertThat(spec.eventsStartMillis()).isEqualTo(DAY_END - DAY_MS);
        assertThat(spec.replayStartMillis()).isEqualTo(DAY_END - DAY_MS - 600_000L);
        assertThat(spec.readsBeyondRange()).isFalse();
    }

    @Test
    void trainingExamplesReadHalfAnHourOfEventsPastTheRange() {
        RunSpec spec = backfill("ingest", "training_examples");
        assertThat(spec.horizon()).isEqualTo(Duration.ofMinutes(30));
        assertThat(spec.toMillisExclusive()).isEqualTo(DAY_END);
        assertThat(spec.eventsEndMillis()).isEqualTo(DAY_END + 1_800_000L);
        assertThat(spec.replayEndMillis()).isEqualTo(DAY_END + 1_800_000L + 3_600_000L);
        assertThat(spec.readsUsers()).isTrue();
    }

    @Test
    void trainingExamplesReadSevenDaysOfEventsBeforeTheRange() {
        RunSpec spec = backfill("ingest", "training_examples");
        long from = DAY_END - DAY_MS;
        assertThat(spec.history()).isEqualTo(Duration.ofDays(7));
        assertThat(spec.fromMillis()).isEqualTo(from);
        assertThat(spec.eventsStartMillis()).isEqualTo(from - 7 * DAY_MS);
        // max-delay (default 10 min) before the history's first event
        assertThat(spec.replayStartMillis()).isEqualTo(from - 7 * DAY_MS - 600_000L);
        assertThat(spec.readsBeyondRange()).isTrue();
    }
}
