package io.lakestream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --key-store} as a run checks it before anything starts. */
class KeyStoreOptionTest {

    @TempDir Path dir;

    @Test
    void offWhenNotGiven() {
        assertThat(KeyStoreOption.resolve(null, dir.resolve("lake"))).isNull();
    }

    @Test
    void aFileBecomesAnAbsoluteSqliteUrlAndPostgresqlStaysAsItIs() {
        assertThat(KeyStoreOption.resolve(dir.resolve("keys.db").toString(), dir.resolve("lake")))
                .isEqualTo("jdbc:sqlite:" + dir.resolve("keys.db"));
        assertThat(KeyStoreOption.resolve("jdbc:postgresql://db:5432/keys?user=u", dir))
                .isEqualTo("jdbc:postgresql://db:5432/keys?user=u");
    }

    @Test
    void aKeyStoreInsideTheLakeIsRefused() {
        Path lake = dir.resolve("lake");
        assertThatThrownBy(() -> KeyStoreOption.resolve(lake.resolve("keys.db").toString(), lake))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is inside the lake " + lake)
                .hasMessageContaining("keep the keys outside it");
    }

    @Test
    void mistakesAreOneLineOfTheJobJarWithStatus2() {
        String lake = dir.resolve("lake").toString();
        assertOneLine(
                "run --pipelines ingest --mode stream --lake "
                        + lake
                        + " --key-store jdbc:mysql://h/k",
                "unsupported key store 'jdbc:mysql://h/k'");
        assertOneLine(
                "run --pipelines ingest --mode stream --lake "
                        + lake
                        + " --key-store "
                        + lake
                        + "/keys.db",
                "is inside the lake");
        assertOneLine(
                "run --pipelines user_daily --mode backfill --from 2026-11-01 --to 2026-11-01"
                        + " --source lake+kafka --lake "
                        + lake
                        + " --key-store "
                        + dir.resolve("keys.db"),
                "--key-store cannot be combined with --source lake+kafka");
    }

    private static void assertOneLine(String args, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = JobMain.execute(args.split(" "));
        } finally {
            System.setErr(old);
        }
        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(args).isEqualTo(JobMain.USAGE);
        assertThat(out).as(args).startsWith("lakestream: ").contains(message);
        assertThat(out.lines().count()).as(out).isEqualTo(1);
    }
}
