package io.mcpush.source.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTextAssemblerTest {
    private static String assemble(String... pieces) {
        QueryTextAssembler a = new QueryTextAssembler();
        a.reset();
        for (int i = 0; i < pieces.length; i++) {
            a.add(i, pieces[i]);
        }
        return a.text();
    }

    @Test
    void blanksAtTheEndOfAFullPieceAreTheQuerysOwn() {
        String first = "select a, b from t where x in (1, 2) and y = 'z' ".repeat(90).substring(0, 3996) + "    ";
        assertThat(first).hasSize(4000);
        assertThat(assemble(first, "from   ")).isEqualTo(first + "from");
    }

    @Test
    void paddedAndUnpaddedLastPiecesReadTheSame() {
        String padded = "select 1" + " ".repeat(3992);
        assertThat(assemble(padded)).isEqualTo("select 1");
        assertThat(assemble("select 1")).isEqualTo("select 1");
        assertThat(assemble("a".repeat(4000), "b" + " ".repeat(3999))).isEqualTo("a".repeat(4000) + "b");
        assertThat(assemble("a".repeat(4000), "b")).isEqualTo("a".repeat(4000) + "b");
    }

    @Test
    void unicodeAndLineBreaksAreKept() {
        assertThat(assemble("select 'Grüße 👋'\nfrom t\t ")).isEqualTo("select 'Grüße 👋'\nfrom t\t");
    }

    @Test
    void aMissingSequenceNumberIsAGap() {
        QueryTextAssembler a = new QueryTextAssembler();
        a.reset();
        a.add(0, "x".repeat(4000));
        a.add(2, "y");
        assertThat(a.hasGap()).isTrue();
        a.reset();
        a.add(0, "z");
        assertThat(a.hasGap()).isFalse();
        assertThat(a.isEmpty()).isFalse();
        a.reset();
        assertThat(a.isEmpty()).isTrue();
        assertThat(a.text()).isEmpty();
    }
}
