package io.lakestream.bench;

import io.lakestream.deploy.generate.GeneratorConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The bench's generated history, generated (or found) the first time a workload asks for it: the
 * state and latency workloads bring data of their own, and a run of only those must not first write
 * the main topic (100M events at {@code --scale 10}).
 */
public final class TopicSource {

    private final String bootstrap;
    private final GeneratorConfig data;
    private final Path dir;
    private BenchData.Topic topic;

    TopicSource(String bootstrap, GeneratorConfig data, Path dir) {
        this.bootstrap = bootstrap;
        this.data = data;
        this.dir = dir;
    }

    /** The topic, generated on the first call unless an earlier bench left it complete. */
    public synchronized BenchData.Topic get() throws Exception {
        if (topic == null) {
            topic = BenchData.ensure(bootstrap, data, dir);
        }
        return topic;
    }

    /** The topic if a workload asked for it. */
    synchronized Optional<BenchData.Topic> ifUsed() {
        return Optional.ofNullable(topic);
    }
}
