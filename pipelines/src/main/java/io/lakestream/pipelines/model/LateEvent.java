package io.lakestream.pipelines.model;

/**
 * An event that arrived after the watermark had passed its event time: recorded in {@code
 * _late_events} (partitioned by its event date) with the watermark it met, instead of being
 * dropped, so a repair can restate exactly the partitions it belongs to.
 */
public class LateEvent {
    public Event event;

    /** The watermark when the event arrived, epoch ms. */
    public long watermark;

    public LateEvent() {}

    public LateEvent(Event event, long watermark) {
        this.event = event;
        this.watermark = watermark;
    }
}
