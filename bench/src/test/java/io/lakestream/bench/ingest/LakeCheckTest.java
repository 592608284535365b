package io.lakestream.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pseudonymisation contender's output check fails on a leaked id or a lost row, and only then.
 */
class LakeCheckTest {

    private static final String P1 = "a".repeat(64);
    private static final String P2 = "0123456789abcdef".repeat(4);

    @TempDir Path dir;

    @Test
    void pseudonymsOfTheSameRowsAndUsersPass() throws Exception {
        IngestWorkload.LakeCheck clear = check("clear", "'u1'", "'u2'", "'u1'");
        IngestWorkload.LakeCheck pseudonymized = check("p", q(P1), q(P2), q(P1));

        assertThat(clear).isEqualTo(new IngestWorkload.LakeCheck(3, 2, 3));
        assertThat(pseudonymized).isEqualTo(new IngestWorkload.LakeCheck(3, 2, 0));
        pseudonymized.requirePseudonymsOf(clear);
    }

    @Test
    void aClearIdALostRowOrMergedUsersFail() throws Exception {
        IngestWorkload.LakeCheck clear = check("clear", "'u1'", "'u2'", "'u1'");

        assertThatThrownBy(() -> check("leak", q(P1), "'u2'", q(P1)).requirePseudonymsOf(clear))
                .hasMessageContaining("1 of them not 64-hex pseudonyms");
        assertThatThrownBy(() -> check("lost", q(P1), q(P2)).requirePseudonymsOf(clear))
                .hasMessageContaining("has 2 rows");
        assertThatThrownBy(() -> check("merged", q(P1), q(P1), q(P1)).requirePseudonymsOf(clear))
                .hasMessageContaining("1 distinct user ids");
        // upper-case hex is not what Pseudonymizer writes
        assertThatThrownBy(
                        () ->
                                check("upper", q(P1.toUpperCase()), q(P2), q(P1.toUpperCase()))
                                        .requirePseudonymsOf(clear))
                .hasMessageContaining("2 of them not 64-hex pseudonyms");
    }

    @Test
    void aReferenceLakeWithPseudonymsProvesNothing() throws Exception {
        IngestWorkload.LakeCheck notClear = check("nc", q(P1), q(P2), q(P1));

        assertThatThrownBy(() -> check("p", q(P1), q(P2), q(P1)).requirePseudonymsOf(notClear))
                .hasMessageContaining("proves nothing");
    }

    private static String q(String s) {
        return "'" + s + "'";
    }

    /** A lake whose events table holds one row per user id given, in two hourly partitions. */
    private IngestWorkload.LakeCheck check(String name, String... userIds)
            throws SQLException, IOException {
        Path lake = dir.resolve(name);
        Files.createDirectories(lake.resolve("events"));
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < userIds.length; i++) {
            values.append(i == 0 ? "" : ", ")
                    .append("('e")
                    .append(i)
                    .append("', ")
                    .append(userIds[i])
                    .append(", ")
                    .append(i % 2)
                    .append(")");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(
                    "COPY (SELECT event_id, user_id, DATE '2026-11-01' AS date, hour FROM (VALUES "
                            + values
                            + ") t(event_id, user_id, hour)) TO '"
                            + lake.resolve("events")
                            + "' (FORMAT PARQUET, PARTITION_BY (date, hour), OVERWRITE_OR_IGNORE)");
        }
        return IngestWorkload.LakeCheck.of(lake);
    }
}
