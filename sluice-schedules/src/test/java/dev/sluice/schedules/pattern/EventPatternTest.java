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
      "{\"a\":[{\"NUMERIC\":[\"<\",1]}]}              | Unrecognized match type NUMERIC",
      "{\"a\":[{\"Exists\":true}]}                   | Unrecognized match type Exists"})
  void refuses_invalid_patterns_with_aws_reasons(String pattern, String reason) {
    assertThatThrownBy(() -> EventPattern.parse(pattern))
        .isInstanceOf(EventsException.class)
        .hasMessage("Event pattern is not valid. Reason: " + reason);
  }

  /**
   * AWS's documented examples ("Content filtering in Amazon EventBridge event patterns", "Matching
   * on null values and empty strings") and the recorded cases' shapes: pattern | event | matches.
   * Single quotes stand for double quotes.
   */
  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // wildcard
      "{'f':[{'wildcard':'dir/*.png'}]}            | {'f':'dir/a/b.png'}          | true",
      "{'f':[{'wildcard':'dir/*.png'}]}            | {'f':'dir/a/b.jpg'}          | false",
      "{'f':[{'wildcard':'*/lib/*'}]}              | {'f':'/usr/lib/x'}           | true",
      "{'f':[{'wildcard':'us-*-1'}]}               | {'f':'us-east-1'}            | true",
      "{'f':[{'wildcard':'us-*-1'}]}               | {'f':'us-1'}                 | false",
      "{'f':[{'wildcard':'/Users/*/dir/dir/dir/doc.txt'}]} | {'f':'/Users/me/dir/dir/dir/doc.txt'} | true",
      "{'f':[{'wildcard':'a*b*c'}]}                | {'f':'abc'}                  | true",
      "{'f':[{'wildcard':'a*b*c'}]}                | {'f':'acb'}                  | false",
      "{'f':[{'wildcard':'*'}]}                    | {'f':''}                     | true",
      "{'f':[{'wildcard':'*'}]}                    | {'f':5}                      | false",
      "{'f':[{'wildcard':''}]}                     | {'f':'x'}                    | false",
      "{'f':[{'wildcard':''}]}                     | {'f':''}                     | true",
      "{'f':[{'wildcard':'a\\\\*b'}]}               | {'f':'a*b'}                  | true",
      "{'f':[{'wildcard':'a\\\\*b'}]}               | {'f':'axb'}                  | false",
      "{'f':[{'wildcard':'a\\\\\\\\b'}]}             | {'f':'a\\\\b'}                | true",
      // cidr
      "{'ip':[{'cidr':'10.0.0.0/24'}]}             | {'ip':'10.0.0.255'}          | true",
      "{'ip':[{'cidr':'10.0.0.0/24'}]}             | {'ip':'10.0.1.0'}            | false",
      "{'ip':[{'cidr':'10.0.0.0/24'}]}             | {'ip':123}                   | false",
      "{'ip':[{'cidr':'10.0.0.0/24'}]}             | {'ip':'not an ip'}           | false",
      "{'ip':[{'cidr':'0.0.0.0/0'}]}               | {'ip':'192.168.1.1'}         | true",
      "{'ip':[{'cidr':'2001:db8:1234:1a00::/64'}]} | {'ip':'2001:db8:1234:1a00::1'} | true",
      "{'ip':[{'cidr':'2001:db8:1234:1a00::/64'}]} | {'ip':'2001:db8:1234:1a01::1'} | false",
      "{'ip':[{'cidr':'2001:db8:1234:1a00::/64'}]} | {'ip':'10.0.0.1'}            | false",
      // $or
      "{'$or':[{'a':[1]},{'b':[2]}]}               | {'a':0,'b':2}                | true",
      "{'$or':[{'a':[1]},{'b':[2]}]}               | {'a':0,'b':0}                | false",
      "{'s':['x'],'d':{'$or':[{'c':['n']},{'e':[{'exists':false}]}]}} | {'s':'x','d':{'c':'m'}} | true",
      "{'s':['x'],'d':{'$or':[{'c':['n']},{'e':[{'exists':false}]}]}} | {'s':'x','d':{'c':'m','e':1}} | false",
      "{'$or':[{'a':[{'numeric':['>',5]}]},{'$or':[{'b':['y']},{'c':['z']}]}]} | {'c':'z'} | true",
      "{'$or':[{'a':[{'numeric':['>',5]}]},{'$or':[{'b':['y']},{'c':['z']}]}]} | {'a':1} | false",
      // anything-but with lists and filters
      "{'s':[{'anything-but':{'prefix':'init'}}]}  | {'s':'running'}              | true",
      "{'s':[{'anything-but':{'prefix':['init','test']}}]} | {'s':'testing'}      | false",
      "{'s':[{'anything-but':{'prefix':['init','test']}}]} | {'s':12}            | true",
      "{'f':[{'anything-but':{'suffix':'.png'}}]}  | {'f':'a.txt'}                | true",
      "{'f':[{'anything-but':{'suffix':['.png','.txt']}}]} | {'f':'a.txt'}        | false",
      "{'f':[{'anything-but':{'wildcard':'*/lib/*'}}]} | {'f':'/usr/lib/x'}      | false",
      "{'f':[{'anything-but':{'wildcard':['*/lib/*','*/bin/*']}}]} | {'f':'/usr/src'} | true",
      "{'f':[{'anything-but':{'wildcard':'*/dir/*'}}]} | {'f':123}               | true",
      "{'s':[{'anything-but':{'equals-ignore-case':'INIT'}}]} | {'s':'init'}      | false",
      "{'s':[{'anything-but':{'equals-ignore-case':['a','b']}}]} | {'s':'B'}       | false",
      "{'s':[{'anything-but':{'equals-ignore-case':['a','b']}}]} | {'s':'c'}       | true",
      "{'s':[{'anything-but':'initializing'}]}     | {'s':null}                   | true",
      "{'s':[{'anything-but':'initializing'}]}     | {'t':'x'}                    | false",
      "{'s':[{'anything-but':[100,200]}]}          | {'s':300}                    | true",
      "{'s':[{'anything-but':0}]}                  | {'s':0}                      | false",
      // prefix / suffix ignoring case, empty strings
      "{'svc':[{'prefix':{'equals-ignore-case':'EventB'}}]} | {'svc':'eventbridge'} | true",
      "{'f':[{'suffix':{'equals-ignore-case':'.png'}}]} | {'f':'A.PNG'}           | true",
      "{'f':[{'suffix':{'equals-ignore-case':'.png'}}]} | {'f':'A.JPG'}           | false",
      "{'f':[{'prefix':''}]}                       | {'f':'x'}                    | true",
      "{'f':[{'equals-ignore-case':''}]}           | {'f':''}                     | true",
      "{'f':['']}                                  | {'f':''}                     | true",
      "{'f':['']}                                  | {'f':null}                   | false",
      // numeric
      "{'n':[{'numeric':['>',0,'<=',5]}]}          | {'n':5.0}                    | true",
      "{'n':[{'numeric':['=',3.018e2]}]}           | {'n':301.8}                  | true",
      "{'n':[{'numeric':['>=',10]}]}               | {'n':'10'}                   | false",
      "{'n':[{'numeric':['<',10]}]}                | {'n':null}                   | false",
      "{'n':[{'numeric':['>',0]}]}                 | {'n':[-1,3]}                 | true",
      // exists and arrays: empty arrays and objects at a leaf count as absent
      "{'r':[{'exists':true}]}                     | {'r':[]}                     | false",
      "{'r':[{'exists':false}]}                    | {'r':[]}                     | true",
      "{'r':[{'exists':true}]}                     | {'r':['x']}                  | true",
      "{'r':[{'exists':false}]}                    | {'r':['x']}                  | false",
      "{'d':{'k':[{'exists':true}]}}               | {'d':{'k':{'S':'v'}}}        | false",
      "{'d':{'k':{'S':[{'exists':true}]}}}         | {'d':{'k':{'S':'v'}}}        | true",
      "{'l1':{'l2':{'l3':[{'exists':false}]}}}     | {'l1':{'l2':'value'}}        | true",
      "{'h':{'S':[{'anything-but':['roses']},{'exists':false}]}} | {'p':1}       | true",
      "{'h':{'S':[{'anything-but':['roses']},{'exists':false}]}} | {'h':{'S':'roses'}} | false",
      // arrays of objects: one element must match the whole nested pattern
      "{'d':{'items':{'k':['a'],'v':[1]}}}         | {'d':{'items':[{'k':'a','v':2},{'k':'b','v':1}]}} | false",
      "{'d':{'items':{'k':['a'],'v':[1]}}}         | {'d':{'items':[{'k':'b','v':2},{'k':'a','v':1}]}} | true",
      "{'a':[null]}                                | {'a':[]}                     | false",
      "{'a':[1]}                                   | {'a':'1'}                    | false",
      "{'a':[true]}                                | {'a':true}                   | true",
      "{'Key':['x']}                               | {'key':'x'}                  | false"})
  void matches_the_documented_examples(String pattern, String event, boolean matches) {
    assertThat(EventPattern.parse(quotes(pattern)).matches(SchedulesFixture.json(quotes(event))))
        .isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", value = {
      "{'int':1}                                          => \"int\" must be an object or an array",
      "{'f':[{'wildcard':'arn:aws:events:us-east-1:**:event-bus/*'}]} => Consecutive wildcard characters at pos 26",
      "{'f':[{'wildcard':'*:*:*:*:*:event-bus/*'}]}       => Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
      "{'f':[{'wildcard':5}]}                             => wildcard match pattern must be a string",
      "{'f':[{'wildcard':['a*']}]}                        => wildcard match pattern must be a string",
      "{'ip':[{'cidr':'bad-filter'}]}                     => Malformed CIDR, one '/' required",
      "{'ip':[{'cidr':'10.0.0.0/xx'}]}                    => Malformed CIDR, mask bits must be an integer",
      "{'ip':[{'cidr':'xx.11.xx/24'}]}                    => Nonstandard IP address: xx.11.xx",
      "{'ip':[{'cidr':'xxxx:db8:1234:1a00::/64'}]}        => Nonstandard IP address: xxxx:db8:1234:1a00::",
      "{'ip':[{'cidr':10}]}                               => prefix match pattern must be a string",
      "{'s':[{'anything-but':{'equals-ignore-case':123}}]} => Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
      "{'s':[{'anything-but':{'equals-ignore-case':[123,456]}}]} => Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
      "{'s':[{'anything-but':{'prefix':''}}]}             => Null prefix/suffix not allowed",
      "{'s':[{'anything-but':{'suffix':''}}]}             => Null prefix/suffix not allowed",
      "{'s':[{'anything-but':{'prefix':1}}]}              => prefix/suffix match pattern must be a string",
      "{'s':[{'anything-but':{'suffix':[null,'.txt']}}]}  => prefix/suffix match pattern must be a string",
      "{'s':[{'anything-but':{'wildcard':1}}]}            => wildcard match pattern must be a string",
      "{'s':[{'anything-but':{'prefix':{'equals-ignore-case':'a'}}}]} => Value of anything-but must be an array or single string/number value.",
      "{'s':[{'anything-but':null}]}                      => Value of anything-but must be an array or single string/number value.",
      "{'s':[{'anything-but':['a',null]}]}                => Inside anything but list, start|null|boolean is not supported.",
      "{'s':[{'prefix':['a']}]}                           => prefix match pattern must be a string",
      "{'s':[{'suffix':5}]}                               => suffix match pattern must be a string",
      "{'s':[{'equals-ignore-case':['a']}]}               => equals-ignore-case match pattern must be a string",
      "{'n':[{'numeric':['>',0,'>',5]}]}                  => Bad numeric range operator: >",
      "{'n':[{'numeric':['<',5,'>',0]}]}                  => Bad numeric range operator: >",
      "{'$or':[{'a':[1]}]}                                => Or relationship must have at least 2 sub-rules"})
  void refuses_what_aws_refuses(String pattern, String reason) {
    assertThatThrownBy(() -> EventPattern.parse(quotes(pattern)))
        .isInstanceOf(EventsException.class)
        .hasMessage("Event pattern is not valid. Reason: " + reason);
  }

  @org.junit.jupiter.api.Test
  void refuses_text_that_is_not_a_json_object_with_jacksons_reason() {
    assertThatThrownBy(() -> EventPattern.parse("[\"not\", \"a\", \"dict\"]"))
        .hasMessage("Event pattern is not valid. Reason: Filter is not an object");
    assertThatThrownBy(() -> EventPattern.parse("this is valid json but not a dict"))
        .hasMessageStartingWith("Event pattern is not valid. Reason: Unrecognized token 'this': "
            + "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  }

  private static String quotes(String text) {
    return text.replace('\'', '"');
  }
}
