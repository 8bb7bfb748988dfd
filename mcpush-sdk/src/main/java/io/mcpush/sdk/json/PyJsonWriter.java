package io.mcpush.sdk.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dumps} does with its defaults, which is what the
 * pycarlo SDK puts on the wire (requests' {@code json=} argument): {@code ", "} and {@code ": "}
 * separators, every character outside printable ASCII escaped as lower-case {@code \\uXXXX}
 * (UTF-16 units, so astral characters become surrogate pairs), floats in Python's {@code repr}
 * form. The output is pure ASCII, so it is kept as bytes.
 *
 * <p>Not thread-safe; reuse one instance per thread with {@link #reset()}.
 */
public final class PyJsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf;
    private int size;

    public PyJsonWriter() {
        this(256);
    }

    public PyJsonWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public PyJsonWriter reset() {
        size = 0;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The internal buffer; valid bytes are {@code [0, size())}. */
    public byte[] buffer() {
        return buf;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public PyJsonWriter raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    public PyJsonWriter raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    public PyJsonWriter raw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    private void put(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    /** Writes a JSON string literal. */
    public PyJsonWriter string(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                if (size == buf.length) {
                    ensure(n - i + 1);
                }
                buf[size++] = (byte) c;
                continue;
            }
            switch (c) {
                case '"' -> raw("\\\"");
                case '\\' -> raw("\\\\");
                case '\n' -> raw("\\n");
                case '\r' -> raw("\\r");
                case '\t' -> raw("\\t");
                case '\b' -> raw("\\b");
                case '\f' -> raw("\\f");
                default -> {
                    ensure(6);
                    buf[size++] = '\\';
                    buf[size++] = 'u';
                    buf[size++] = HEX[(c >> 12) & 0xf];
                    buf[size++] = HEX[(c >> 8) & 0xf];
                    buf[size++] = HEX[(c >> 4) & 0xf];
                    buf[size++] = HEX[c & 0xf];
                }
            }
        }
        put('"');
        return this;
    }

    /** Writes {@code "name": } (the key of the next member). */
    public PyJsonWriter key(String name) {
        string(name);
        return raw(": ");
    }

    public PyJsonWriter number(long value) {
        return raw(Long.toString(value));
    }

    /**
     * Writes any JSON-compatible value: null, String, Boolean, integral numbers, Double/Float,
     * BigDecimal, List and Map with String keys (insertion order kept, as Python dicts do).
     */
    public PyJsonWriter value(Object value) {
        if (value == null) {
            return raw("null");
        } else if (value instanceof String s) {
            return string(s);
        } else if (value instanceof Boolean b) {
            return raw(b ? "true" : "false");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return raw(value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            return raw(pythonFloatRepr(((Number) value).doubleValue()));
        } else if (value instanceof BigDecimal d) {
            return raw(pythonFloatRepr(d.doubleValue()));
        } else if (value instanceof List<?> list) {
            put('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    raw(", ");
                }
                value(list.get(i));
            }
            put(']');
            return this;
        } else if (value instanceof Map<?, ?> map) {
            put('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    raw(", ");
                }
                first = false;
                key(String.valueOf(e.getKey()));
                value(e.getValue());
            }
            put('}');
            return this;
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " as JSON");
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that round-trip, in fixed notation when
     * the decimal exponent is in [-4, 16), otherwise {@code 1.5e+20} style. NaN and infinities
     * are refused, as {@code json.dumps(allow_nan=False)} refuses them.
     */
    public static String pythonFloatRepr(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("NaN and infinite numbers are not valid JSON");
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = shortestRoundTrip(Math.abs(d));
        String digits = exact.unscaledValue().toString();
        // value = 0.d1d2...dn * 10^decpt
        int decpt = digits.length() - exact.scale();
        StringBuilder out = new StringBuilder(24);
        if (d < 0) {
            out.append('-');
        }
        if (decpt > 16 || decpt < -3) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            out.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (decpt <= 0) {
            out.append("0.");
            out.append("0".repeat(-decpt));
            out.append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return out.toString();
    }

    /**
     * The decimal with the fewest significant digits that parses back to {@code abs} (closest to
     * the exact binary value among those), trailing zeros stripped — what Python's {@code repr}
     * prints. {@code Double.toString} is not enough: before JDK 19 it sometimes gives a longer
     * string ({@code 1.0E23} as {@code 9.999999999999999E22}, {@code 5e-324} as {@code 4.9E-324}).
     */
    private static BigDecimal shortestRoundTrip(double abs) {
        BigDecimal exact = new BigDecimal(abs);
        for (int p = 1; p < 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            BigDecimal ulp = nearest.ulp();
            BigDecimal best = null;
            // the rounding interval of a power of two is asymmetric, so a neighbour of the nearest
            // p-digit decimal may round-trip when the nearest itself does not
            for (BigDecimal c : new BigDecimal[] {nearest, nearest.subtract(ulp), nearest.add(ulp)}) {
                if (c.signum() > 0 && Double.parseDouble(c.toString()) == abs
                        && (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = c;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
