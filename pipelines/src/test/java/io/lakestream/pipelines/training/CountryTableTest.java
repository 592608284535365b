package io.lakestream.pipelines.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakestream.pipelines.model.Country;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The country table file: parsed strictly, with errors that name the line. */
class CountryTableTest {

    @Test
    void theBundledTableHasTheGeneratorsCountries() {
        List<String> codes = CountryTable.load().stream().map(c -> c.code).toList();
        assertThat(codes).contains("US", "DE", "FR", "GB", "IN", "BR", "JP", "NL", "ES", "IT");
        assertThat(codes).doesNotHaveDuplicates().doesNotContain(CountryTable.END.code);
    }

    @Test
    void rowsParseWithBlankFieldsAsNull() {
        List<Country> rows =
                CountryTable.parse("code,region,currency\nDE,europe,EUR\n\nXK,europe,\n", "t.csv");
        assertThat(rows)
                .extracting(c -> c.code + "/" + c.region + "/" + c.currency)
                .containsExactly("DE/europe/EUR", "XK/europe/null");
    }

    @Test
    void aBadFileFailsWithOneLineNamingTheLine() {
        assertThatThrownBy(() -> CountryTable.parse("code;region\n", "t.csv"))
                .hasMessageContaining("t.csv")
                .hasMessageContaining("header");
        assertThatThrownBy(
                        () -> CountryTable.parse("code,region,currency\nDEU,europe,EUR\n", "t.csv"))
                .hasMessageContaining("t.csv line 2");
        assertThatThrownBy(
                        () ->
                                CountryTable.parse(
                                        "code,region,currency\nDE,europe,EUR\nDE,x,y\n", "t.csv"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("twice");
    }
}
