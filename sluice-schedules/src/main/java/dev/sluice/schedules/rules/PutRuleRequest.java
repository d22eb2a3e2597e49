package dev.sluice.schedules.rules;

import java.util.Map;

/** PutRule's parameters; nullable fields were absent. */
public record PutRuleRequest(
    String name,
    String scheduleExpression,
    String eventPattern,
    RuleState state,
    String description,
    String roleArn,
    Map<String, String> tags,
    String eventBusName) {}
