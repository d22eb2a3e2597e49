package dev.sluice.schedules.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.schedules.SchedulesFixture;
import dev.sluice.schedules.rules.EventsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventPatternTest {

  private static final String EVENT = "{\"source\":\"orders\",\"detail-type\":\"Order Placed\","
      + "\"detail\":{\"state\":\"open\",\"amount\":42,\"tags\":[\"a\",\"b\"],\"note\":null}}";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"source\":[\"orders\"]}                                   | true",
      "{\"source\":[\"billing\",\"orders\"]}                       | true",
      "{\"source\":[\"billing\"]}                                  | false",
      "{\"source\":[\"orders\"],\"detail\":{\"state\":[\"open\"]}} | true",
      "{\"source\":[\"orders\"],\"detail\":{\"state\":[\"shut\"]}} | false",
      "{\"detail\":{\"tags\":[\"b\"]}}                             | true",
      "{\"detail\":{\"note\":[null]}}                              | true",
      "{\"detail-type\":[{\"prefix\":\"Order\"}]}                  | true",
      "{\"detail-type\":[{\"suffix\":\"Placed\"}]}                 | true",
      "{\"detail-type\":[{\"equals-ignore-case\":\"order placed\"}]}| true",
      "{\"detail\":{\"state\":[{\"anything-but\":\"closed\"}]}}     | true",
      "{\"detail\":{\"state\":[{\"anything-but\":[\"open\"]}]}}     | false",
      "{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"op\"}}]}} | false",
      "{\"detail\":{\"missing\":[{\"anything-but\":\"x\"}]}}       | false",
      "{\"detail\":{\"amount\":[{\"numeric\":[\">\",0,\"<=\",42]}]}} | true",
      "{\"detail\":{\"amount\":[{\"numeric\":[\"<\",42]}]}}        | false",
      "{\"detail\":{\"amount\":[42]}}                              | true",
      "{\"detail\":{\"state\":[{\"exists\":true}]}}                | true",
      "{\"detail\":{\"missing\":[{\"exists\":false}]}}             | true",
      "{\"detail\":{\"state\":[{\"exists\":false}]}}               | false"})
  void matches_as_eventbridge_does(String pattern, boolean matches) {
    assertThat(EventPattern.parse(pattern).matches(SchedulesFixture.json(EVENT))).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"source\":[]}                                | Empty arrays are not allowed",
      "{\"a\":[{\"prefix\":1}]}                       | prefix match pattern must be a string",
      "{\"a\":[{\"prefix\":null}]}                    | Null prefix/suffix not allowed",
      "{\"a\":[{\"numeric\":\">\"}]}                  | Value of numeric must be an array.",
      "{\"a\":[{\"numeric\":[\"<\",\"x\"]}]}          | Value of < must be numeric",
      "{\"a\":[{\"anything-but\":true}]}              | Value of anything-but must be an array or single string/number value.",
      "{\"a\":[{\"NUMERIC\":[\"<\",1]}]}              | Unrecognized match type NUMERIC"})
  void refuses_invalid_patterns_with_aws_reasons(String pattern, String reason) {
    assertThatThrownBy(() -> EventPattern.parse(pattern))
        .isInstanceOf(EventsException.class)
        .hasMessage("Event pattern is not valid. Reason: " + reason);
  }
}
