package io.lakestream.deploy.generate;

/**
 * How many records of each kind a generation produced: what a run over them must account for
 * (events = valid + late; duplicates and malformed records come on top).
 */
public record GenerationSummary(long valid, long duplicates, long late, long malformed) {

    /** Distinct events: valid and late ones. */
    public long events() {
        return valid + late;
    }

    /** All Kafka records. */
    public long total() {
        return valid + duplicates + late + malformed;
    }

    /** The count for one kind. */
    public long count(RecordKind kind) {
        return switch (kind) {
            case VALID -> valid;
            case DUPLICATE -> duplicates;
            case LATE -> late;
            case MALFORMED -> malformed;
        };
    }
}
