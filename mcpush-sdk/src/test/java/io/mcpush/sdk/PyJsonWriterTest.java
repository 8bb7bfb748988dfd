package io.mcpush.sdk;

import static io.mcpush.sdk.json.PyJsonWriter.pythonFloatRepr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.sdk.json.PyJsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3.11 prints for {@code repr(x)} / {@code json.dumps(x)}. */
class PyJsonWriterTest {

    @ParameterizedTest(name = "repr({0}) == {1}")
    @CsvSource({
            "1.0, 1.0",
            "0.1, 0.1",
            "0.5, 0.5",
            "-2.5, -2.5",
            "100.0, 100.0",
            "1e15, 1000000000000000.0",
            "9999999999999998.0, 9999999999999998.0",
            "1e16, 1e+16",
            "1.5e16, 1.5e+16",
            "1e-05, 1e-05",
            "1.5e-05, 1.5e-05",
            "0.0001, 0.0001",
            "0.00012345, 0.00012345",
            "123456789.123, 123456789.123",
            "1.5e+300, 1.5e+300",
            "2.5e-300, 2.5e-300",
            "1e22, 1e+22",
            "1e23, 1e+23",
            "2e23, 2e+23",
            "4.35, 4.35",
            "0.3333333333333333, 0.3333333333333333",
            "1.7976931348623157e308, 1.7976931348623157e+308",
            "2.2250738585072014e-308, 2.2250738585072014e-308",
            "4.9e-324, 5e-324",
            "-1.6130484589462314e+17, -1.6130484589462314e+17",
            "8.219730488010134e+16, 8.219730488010134e+16",
    })
    void pythonFloatReprMatchesPythonRepr(double value, String expected) {
        assertThat(pythonFloatRepr(value)).isEqualTo(expected);
    }

    @Test
    void pythonFloatReprKeepsTheSignOfZero() {
        assertThat(pythonFloatRepr(0.0)).isEqualTo("0.0");
        assertThat(pythonFloatRepr(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void pythonFloatReprRoundTripsEveryPowerOfTwo() {
        for (int k = -1074; k <= 1023; k++) {
            double d = Math.scalb(1.0, k);
            String repr = pythonFloatRepr(d);
            assertThat(Double.parseDouble(repr)).as("repr %s of 2^%d", repr, k).isEqualTo(d);
        }
    }

    @Test
    void pythonFloatReprRefusesNanAndInfinity() {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> pythonFloatRepr(d)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("NaN and infinite numbers are not valid JSON");
        }
    }

    @Test
    void stringEscapesLikeJsonDumpsWithEnsureAscii() {
        String s = "a\"b\\c/\n\r\t\b\f\u0000\u001f\u007f\u0080\u00e9\u2028\uffff" + new String(Character.toChars(0x1F600));
        assertThat(write(w -> w.string(s))).isEqualTo(
                "\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\\u0080\\u00e9\\u2028\\uffff\\ud83d\\ude00\"");
    }

    @Test
    void longStringsGrowTheBuffer() {
        String s = "x".repeat(1000) + "\u00e9" + "y".repeat(1000);
        assertThat(write(w -> w.string(s))).isEqualTo("\"" + "x".repeat(1000) + "\\u00e9" + "y".repeat(1000) + "\"");
    }

    @Test
    void valueWritesMapsAndListsWithPythonSeparatorsInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Arrays.asList(null, true, false, 2.0, "s", List.of(), Map.of()));
        m.put("m", Map.of("k", -3L));
        assertThat(write(w -> w.value(m)))
                .isEqualTo("{\"z\": 1, \"a\": [null, true, false, 2.0, \"s\", [], {}], \"m\": {\"k\": -3}}");
    }

    @Test
    void valueRefusesUnsupportedTypes() {
        assertThatThrownBy(() -> new PyJsonWriter().value(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot write a Object as JSON");
    }

    @Test
    void resetStartsAnEmptyDocument() {
        PyJsonWriter w = new PyJsonWriter();
        w.string("first");
        w.reset().number(42);
        assertThat(new String(w.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("42");
        assertThat(w.size()).isEqualTo(2);
    }

    private static String write(java.util.function.Consumer<PyJsonWriter> body) {
        PyJsonWriter w = new PyJsonWriter(16);
        body.accept(w);
        return new String(w.toByteArray(), StandardCharsets.US_ASCII);
    }
}
