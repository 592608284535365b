package io.lakestream.bench.jmh;

import io.lakestream.deploy.generate.EventGenerator;
import io.lakestream.deploy.generate.GeneratedRecord;
import io.lakestream.deploy.generate.GeneratorConfig;
import io.lakestream.deploy.generate.RecordKind;
import java.util.List;

/**
 * The inputs of the benchmarks: valid records of the project's own generator (the bytes the Kafka
 * source hands to the decoder), so that the measured paths are the ones a stream takes.
 */
final class GeneratedPayloads {

    /** A power of two, so that {@code i & MASK} cycles through them. */
    static final int COUNT = 4096;

    static final int MASK = COUNT - 1;

    private GeneratedPayloads() {}

    static List<GeneratedRecord> valid() {
        return valid(COUNT, 42);
    }

    /** The first {@code count} valid records of the generator with {@code seed}. */
    static List<GeneratedRecord> valid(int count, long seed) {
        List<GeneratedRecord> valid =
                EventGenerator.generateAll(
                                GeneratorConfig.builder(count * 2L, seed)
                                        .lateFraction(0.0)
                                        .duplicateFraction(0.0)
                                        .malformedFraction(0.0)
                                        .build())
                        .stream()
                        .filter(r -> r.kind() == RecordKind.VALID)
                        .limit(count)
                        .toList();
        if (valid.size() < count) {
            throw new IllegalStateException("the generator gave " + valid.size() + " records");
        }
        return valid;
    }
}
