package io.lakestream.pipelines.model;

/** One row of the country table: an ISO 3166-1 alpha-2 code, its sales region and currency. */
public class Country {
    public String code;
    public String region;
    public String currency;

    public Country() {}

    public Country(String code, String region, String currency) {
        this.code = code;
        this.region = region;
        this.currency = currency;
    }
}
