package io.lakestream.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerFilesTest {

    @TempDir Path dir;

    @Test
    void recordsAndClearsPidAndPort() {
        BrokerFiles files = new BrokerFiles(dir);
        assertThat(files.recordedPid()).isEmpty();

        files.writeRunning(4242, 19092);

        assertThat(files.recordedPid()).hasValue(4242);
        assertThat(files.recordedPort()).hasValue(19092);
        files.clearRunning();
        assertThat(files.recordedPid()).isEmpty();
        assertThat(files.recordedPort()).isEmpty();
    }

    @Test
    void aStalePidIsNotARunningBroker() {
        BrokerFiles files = new BrokerFiles(dir);
        // this JVM is alive, but it is not this data dir's broker
        files.writeRunning(ProcessHandle.current().pid(), 19092);

        assertThat(files.runningProcess()).isEmpty();
    }

    @Test
    void readsTheControllerPortOfThePreviousStart() throws IOException {
        BrokerFiles files = new BrokerFiles(dir);
        assertThat(files.recordedControllerPort()).isEmpty();

        Files.writeString(
                files.serverProperties(),
                BrokerConfig.render(BrokerConfig.serverProperties(19092, 31234, files.logDirs())));

        assertThat(files.recordedControllerPort()).hasValue(31234);
    }

    @Test
    void tailShowsOnlyWhatWasWrittenSinceTheMark() throws IOException {
        BrokerFiles files = new BrokerFiles(dir);
        Files.writeString(files.brokerLog(), "old 1\nold 2\n");
        long[] mark = files.logSizes();

        Files.writeString(
                files.brokerLog(),
                "new 1\nnew 2\nnew 3\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(files.tail(2, mark)).isEqualTo("new 2\nnew 3");
        assertThat(files.tail(10, new long[] {0, 0})).startsWith("old 1");
    }
}
