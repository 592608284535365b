package io.lakestream.deploy.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

    private static final GeneratorConfig DEFAULTS = GeneratorConfig.builder(100_000, 7).build();
    private static final GeneratorConfig NOISY =
            DEFAULTS.toBuilder()
                    .seed(8)
                    .lateFraction(0.05)
                    .duplicateFraction(0.10)
                    .malformedFraction(0.05)
                    .build();
    private static final List<GeneratedRecord> RECORDS = EventGenerator.generateAll(DEFAULTS);
    private static final List<GeneratedRecord> NOISY_RECORDS = EventGenerator.generateAll(NOISY);

    @Test
    void sameSeedGivesIdenticalRecordsAndOtherSeedsDiffer() {
        GeneratorConfig small = GeneratorConfig.builder(20_000, 99).malformedFraction(0.02).build();
        List<GeneratedRecord> a = EventGenerator.generateAll(small);
        List<GeneratedRecord> b = EventGenerator.generateAll(small);
        assertThat(b).isEqualTo(a);
        List<GeneratedRecord> c = EventGenerator.generateAll(small.toBuilder().seed(100).build());
        assertThat(c).isNotEqualTo(a);
        assertThat(Arrays.equals(a.get(0).value(), c.get(0).value())).isFalse();
    }

    @Test
    void ingestionTimestampsNeverDecrease() {
        for (List<GeneratedRecord> records : List.of(RECORDS, NOISY_RECORDS)) {
            for (int i = 1; i < records.size(); i++) {
                assertThat(records.get(i).timestampMillis())
                        .isGreaterThanOrEqualTo(records.get(i - 1).timestampMillis());
            }
        }
    }

    @Test
    void eventsAreExactlyTheRequestedOnesWithIncreasingTimesInRange() {
        for (GeneratorConfig config : List.of(DEFAULTS, NOISY)) {
            List<GeneratedRecord> records = EventGenerator.generateAll(config);
            long[] tsBySeq = new long[(int) config.events()];
            Set<String> ids = new HashSet<>();
            for (GeneratedRecord r : records) {
                if (r.kind() == RecordKind.VALID || r.kind() == RecordKind.LATE) {
                    GeneratedEvent e = r.event();
                    assertThat(ids.add(e.eventId())).as("unique %s", e.eventId()).isTrue();
                    String seq = e.eventId().substring(e.eventId().lastIndexOf('-') + 1);
                    tsBySeq[Integer.parseInt(seq)] = e.tsMillis();
                }
            }
            assertThat(ids).hasSize((int) config.events());
            for (int i = 0; i < tsBySeq.length; i++) {
                assertThat(tsBySeq[i]).isBetween(config.startMillis(), config.endMillis() - 1);
                if (i > 0) {
                    assertThat(tsBySeq[i]).isGreaterThanOrEqualTo(tsBySeq[i - 1]);
                }
            }
        }
    }

    @Test
    void summaryCountsWhatWasReturned() {
        EventGenerator g = new EventGenerator(NOISY);
        g.forEachRemaining(r -> {});
        Map<RecordKind, Long> byKind =
                NOISY_RECORDS.stream()
                        .collect(
                                Collectors.groupingBy(
                                        GeneratedRecord::kind, Collectors.counting()));
        for (RecordKind kind : RecordKind.values()) {
            assertThat(g.summary().count(kind)).isEqualTo(byKind.getOrDefault(kind, 0L));
        }
        assertThat(g.summary().events()).isEqualTo(NOISY.events());
        assertThat(g.summary().total()).isEqualTo(NOISY_RECORDS.size());
    }

    @Test
    void fractionsAreWithinTolerance() {
        GenerationSummary s = summary(NOISY_RECORDS);
        assertThat((double) s.late() / s.events()).isCloseTo(0.05, within(0.004));
        assertThat((double) s.duplicates() / s.events()).isCloseTo(0.10, within(0.006));
        assertThat((double) s.malformed() / s.events()).isCloseTo(0.05, within(0.004));
        GenerationSummary d = summary(RECORDS);
        assertThat((double) d.duplicates() / d.events()).isCloseTo(0.01, within(0.002));
        assertThat(d.late()).isBetween(50L, 150L);
        assertThat(d.malformed()).isBetween(50L, 150L);
        Map<MalformedKind, Long> kinds =
                NOISY_RECORDS.stream()
                        .filter(r -> r.kind() == RecordKind.MALFORMED)
                        .collect(
                                Collectors.groupingBy(
                                        GeneratedRecord::malformedKind, Collectors.counting()));
        assertThat(kinds).containsOnlyKeys(MalformedKind.values());
    }

    @Test
    void onlyLateRecordsExceedTheOutOfOrderBound() {
        long bound = NOISY.outOfOrderBound().toMillis();
        for (GeneratedRecord r : NOISY_RECORDS) {
            switch (r.kind()) {
                case VALID, DUPLICATE -> assertThat(r.delayMillis()).isBetween(0L, bound);
                case LATE -> {
                    assertThat(r.delayMillis())
                            .isBetween(
                                    NOISY.lateDelayMin().toMillis(),
                                    NOISY.lateDelayMax().toMillis());
                    // late events leave room for newer on-time events to arrive first
                    assertThat(r.event().tsMillis())
                            .isLessThan(NOISY.endMillis() - NOISY.lateDelayMin().toMillis());
                }
                case MALFORMED ->
                        assertThat(r.timestampMillis())
                                .isBetween(NOISY.startMillis(), NOISY.endMillis() + bound);
            }
        }
    }

    @Test
    void everyDuplicateIsAByteIdenticalCopyOfAnOnTimeEvent() {
        Map<String, GeneratedRecord> originals = new HashMap<>();
        NOISY_RECORDS.stream()
                .filter(r -> r.kind() != RecordKind.DUPLICATE && r.event() != null)
                .forEach(r -> originals.put(r.event().eventId(), r));
        long duplicates = 0;
        for (GeneratedRecord dup : NOISY_RECORDS) {
            if (dup.kind() == RecordKind.DUPLICATE) {
                duplicates++;
                GeneratedRecord original = originals.get(dup.event().eventId());
                assertThat(original).isNotNull();
                assertThat(original.kind()).isEqualTo(RecordKind.VALID);
                assertThat(dup.key()).isEqualTo(original.key());
                assertThat(dup.value()).isEqualTo(original.value());
                assertThat(dup.event()).isEqualTo(original.event());
            }
        }
        assertThat(duplicates).isPositive();
    }

    @Test
    void itemPopularityFollowsZipfAndTheHotUserGetsItsShare() {
        List<GeneratedEvent> events = events(RECORDS);
        double harmonic = 0;
        for (int k = 1; k <= DEFAULTS.items(); k++) {
            harmonic += Math.pow(k, -DEFAULTS.zipf());
        }
        assertThat(share(events, e -> e.itemId().equals("i0")))
                .isCloseTo(1 / harmonic, within(0.01));
        assertThat(share(events, e -> e.itemId().equals("i1")))
                .isCloseTo(Math.pow(2, -DEFAULTS.zipf()) / harmonic, within(0.01));
        assertThat(share(events, e -> e.userId().equals("u0")))
                .isCloseTo(DEFAULTS.hotUserShare(), within(0.01));
        assertThat(share(events, e -> e.eventType().equals("impression")))
                .isCloseTo(0.80, within(0.01));
        assertThat(share(events, e -> e.eventType().equals("purchase")))
                .isCloseTo(0.03, within(0.005));
    }

    @Test
    void uniformPopularityWithZipfZeroAndASingleUser() {
        GeneratorConfig flat = GeneratorConfig.builder(20_000, 3).zipf(0).items(4).users(1).build();
        List<GeneratedEvent> events = events(EventGenerator.generateAll(flat));
        assertThat(share(events, e -> e.itemId().equals("i3"))).isCloseTo(0.25, within(0.02));
        assertThat(events).allMatch(e -> e.userId().equals("u0"));
    }

    @Test
    void tinyRangesAndCountsStillRespectTheContract() {
        GeneratorConfig tiny =
                GeneratorConfig.builder(3, 1)
                        .days(1)
                        .outOfOrderBound(Duration.ZERO)
                        .lateFraction(0)
                        .build();
        List<GeneratedRecord> records = EventGenerator.generateAll(tiny);
        assertThat(events(records)).hasSize(3);
        assertThat(records).allMatch(r -> r.kind() != RecordKind.VALID || r.delayMillis() == 0);
    }

    private static List<GeneratedEvent> events(List<GeneratedRecord> records) {
        return records.stream()
                .filter(r -> r.kind() == RecordKind.VALID || r.kind() == RecordKind.LATE)
                .map(GeneratedRecord::event)
                .toList();
    }

    private static double share(
            List<GeneratedEvent> events, java.util.function.Predicate<GeneratedEvent> p) {
        return (double) events.stream().filter(p).count() / events.size();
    }

    private static GenerationSummary summary(List<GeneratedRecord> records) {
        long[] n = new long[RecordKind.values().length];
        records.forEach(r -> n[r.kind().ordinal()]++);
        return new GenerationSummary(n[0], n[1], n[2], n[3]);
    }
}
