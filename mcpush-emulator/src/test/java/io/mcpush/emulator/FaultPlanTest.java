package io.mcpush.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpush.emulator.FaultPlan.Kind;
import io.mcpush.emulator.FaultPlan.Rule;
import io.mcpush.emulator.FaultPlan.Selection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    @Test
    void parsesEveryKindAndSelector() {
        FaultPlan plan = FaultPlan.parse(List.of("429:count=3:retry-after=1", "503:rate=0.1", "reset:nth=2",
                "slow:ms=2000:count=1", "lost:nth=5", "500", "429:rate=0.5:seed=9"));

        assertThat(plan.rules()).containsExactly(
                new Rule(Kind.TOO_MANY_REQUESTS, Selection.COUNT, 3, 0, 42, 1, 0),
                new Rule(Kind.SERVICE_UNAVAILABLE, Selection.RATE, 0, 0.1, 42, -1, 0),
                new Rule(Kind.RESET, Selection.NTH, 2, 0, 42, -1, 0),
                new Rule(Kind.SLOW, Selection.COUNT, 1, 0, 42, -1, 2000),
                new Rule(Kind.LOST, Selection.NTH, 5, 0, 42, -1, 0),
                new Rule(Kind.INTERNAL_SERVER_ERROR, Selection.ALWAYS, 0, 0, 42, -1, 0),
                new Rule(Kind.TOO_MANY_REQUESTS, Selection.RATE, 0, 0.5, 9, 1, 0));
    }

    @Test
    void parsesTheRejectionKinds() {
        FaultPlan plan = FaultPlan.parse(List.of("no-id", "400:match=POISON:count=2"));

        assertThat(plan.rules()).containsExactly(
                new Rule(Kind.NO_INVOCATION_ID, Selection.ALWAYS, 0, 0, 42, -1, 0),
                new Rule(Kind.BAD_REQUEST, Selection.COUNT, 2, 0, 42, -1, 0, "POISON"));
        assertThat(plan.rules().get(1).toString()).isEqualTo("400:match=POISON:count=2");
        assertThatThrownBy(() -> FaultPlan.parse(List.of("400"))).hasMessage(
                "bad fault '400': 400 needs match=TEXT (the requests whose body holds TEXT are refused)");
    }

    @Test
    void a429WithoutRetryAfterWaitsOneSecond() {
        assertThat(FaultPlan.parse(List.of("429")).rules().get(0).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void printsRulesInSpecSyntax() {
        assertThat(FaultPlan.parse(List.of("slow:count=1:ms=20", "503:nth=4:retry-after=3")).rules())
                .extracting(Rule::toString)
                .containsExactly("slow:ms=20:count=1", "503:nth=4:retry-after=3");
        assertThat(FaultPlan.none().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "teapot:count=1|bad fault 'teapot:count=1': unknown kind 'teapot' (kinds: 429, 500, 503, reset, slow, lost, no-id, 400)",
            "429:count=x|bad fault '429:count=x': count must be a positive integer, got 'x'",
            "429:count=0|bad fault '429:count=0': count must be a positive integer, got '0'",
            "500:nth=-2|bad fault '500:nth=-2': nth must be a positive integer, got '-2'",
            "503:rate=1.5|bad fault '503:rate=1.5': rate must be a number from 0 to 1, got '1.5'",
            "503:rate=often|bad fault '503:rate=often': rate must be a number from 0 to 1, got 'often'",
            "503:rate=0.5:seed=x|bad fault '503:rate=0.5:seed=x': seed must be an integer, got 'x'",
            "503:seed=3|bad fault '503:seed=3': seed= only goes with rate=",
            "429:count=1:nth=2|bad fault '429:count=1:nth=2': give at most one of count=, nth=, rate= (got count, nth)",
            "slow:count=1|bad fault 'slow:count=1': slow needs ms=MILLISECONDS",
            "slow:ms=-5|bad fault 'slow:ms=-5': ms must be a non-negative integer, got '-5'",
            "reset:retry-after=1|bad fault 'reset:retry-after=1': unknown key 'retry-after' for reset (keys: count, nth, rate, seed)",
            "429:count|bad fault '429:count': 'count' is not key=value",
            "429:count=1:count=2|bad fault '429:count=1:count=2': 'count' is given twice",
            "lost:nth=1:|bad fault 'lost:nth=1:': '' is not key=value",
    })
    void rejectsABadSpecWithAOneLineMessageNamingTheBadPart(String spec, String message) {
        assertThatThrownBy(() -> FaultPlan.parse(List.of(spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAnEmptySpec() {
        assertThatThrownBy(() -> FaultPlan.parse(List.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad fault '': unknown kind '' (kinds: 429, 500, 503, reset, slow, lost, no-id, 400)");
    }
}
