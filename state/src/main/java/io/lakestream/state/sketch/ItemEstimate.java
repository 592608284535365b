package io.lakestream.state.sketch;

/**
 * One row of {@link FrequentItemsSketch#topK(int)}: the true count of {@code item} lies in {@code
 * [lowerBound, upperBound]}; {@code estimate} is DataSketches' estimate (the upper bound). When the
 * sketch is exact ({@code maximumError() == 0}) all three are the true count.
 */
public record ItemEstimate(String item, long estimate, long lowerBound, long upperBound) {}
