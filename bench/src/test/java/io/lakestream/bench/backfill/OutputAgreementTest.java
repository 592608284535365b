package io.lakestream.bench.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agreement check fails the workload on any difference, and only then. */
class OutputAgreementTest {

    @TempDir Path dir;

    @Test
    void equalUserDailyRowsPassAndReturnTheCount() throws SQLException, IOException {
        Path a = userDaily("a", "('u1', 3, 12.5), ('u2', 1, 0.0)");
        Path b = userDaily("b", "('u2', 1, 0.0), ('u1', 3, 12.5)");

        assertThat(OutputAgreement.sameUserDaily(a, "A", b, "B")).isEqualTo(2);
    }

    @Test
    void aDifferentOrDuplicatedRowFails() throws SQLException, IOException {
        Path a = userDaily("a", "('u1', 3, 12.5), ('u2', 1, 0.0)");
        Path changed = userDaily("changed", "('u1', 3, 12.5), ('u2', 2, 0.0)");
        Path doubled = userDaily("doubled", "('u1', 3, 12.5), ('u1', 3, 12.5)");

        assertThatThrownBy(() -> OutputAgreement.sameUserDaily(a, "A", changed, "C"))
                .hasMessageContaining("1 of A's rows are not C's");
        assertThatThrownBy(() -> OutputAgreement.sameUserDaily(a, "A", doubled, "D"))
                .hasMessageContaining("user_daily differs");
    }

    @Test
    void dauNeedsTheExactCountAndAnEstimateWithinTheBound() throws SQLException, IOException {
        OutputAgreement.Truth truth = new OutputAgreement.Truth(50, Map.of("2026-11-01", 1000L));

        assertThat(OutputAgreement.dauWithinBound(dau("near", 1000, 1020), "N", truth, 0.01))
                .isEqualTo(0.02);
        assertThatThrownBy(
                        () ->
                                OutputAgreement.dauWithinBound(
                                        dau("far", 1000, 1050), "F", truth, 0.01))
                .hasMessageContaining("F's dau of 2026-11-01");
        assertThatThrownBy(
                        () ->
                                OutputAgreement.dauWithinBound(
                                        dau("off", 999, 1000), "O", truth, 0.01))
                .hasMessageContaining("exact 999");
    }

    /**
     * An output folder whose user_daily holds one row per (user, clicks, revenue) of 2026-11-01.
     */
    private Path userDaily(String name, String values) throws SQLException, IOException {
        Path out = dir.resolve(name);
        copy(
                "SELECT user_id, 1::BIGINT AS impressions, clicks::BIGINT AS clicks,"
                        + " 0::BIGINT AS purchases, revenue::DOUBLE AS revenue,"
                        + " 1::BIGINT AS distinct_items,"
                        + " TIMESTAMPTZ '2026-11-01 10:00:00+00' AS first_event_time,"
                        + " TIMESTAMPTZ '2026-11-01 11:00:00+00' AS last_event_time,"
                        + " DATE '2026-11-01' AS date FROM (VALUES "
                        + values
                        + ") t(user_id, clicks, revenue)",
                out.resolve("user_daily"));
        return out;
    }

    private Path dau(String name, long exact, long estimate) throws SQLException, IOException {
        Path out = dir.resolve(name);
        copy(
                "SELECT "
                        + exact
                        + "::BIGINT AS dau_exact, "
                        + estimate
                        + "::BIGINT AS dau_hll, DATE '2026-11-01' AS date",
                out.resolve("dau"));
        return out;
    }

    private static void copy(String select, Path to) throws SQLException, IOException {
        Files.createDirectories(to.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "COPY (" + select + ") TO '" + to + "' (FORMAT PARQUET, PARTITION_BY (date))");
        }
    }
}
