package dev.sluice.schedules;

import dev.sluice.schedules.delivery.TargetInput;
import dev.sluice.schedules.rules.EventsException;
import dev.sluice.schedules.rules.RetryPolicy;
import dev.sluice.schedules.rules.Target;
import dev.sluice.schedules.rules.Validation;
import java.util.List;
import java.util.regex.Matcher;

/** PutTargets' checks, worded as AWS words them. */
final class TargetValidation {

  private TargetValidation() {}

  static void check(List<Target> targets) {
    if (targets.isEmpty()) {
      throw EventsException.validation("1 validation error detected: Value '[]' at 'targets'"
          + " failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    Validation validation = new Validation();
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      String at = "targets." + (i + 1) + ".member.";
      validation.required(target.id(), at + "id").name(target.id(), at + "id", 64)
          .required(target.arn(), at + "arn").maxLength(target.arn(), at + "arn", 1600);
      RetryPolicy policy = target.retryPolicy();
      if (policy != null) {
        validation
            .range(policy.maximumRetryAttempts(), at + "retryPolicy.maximumRetryAttempts",
                0, RetryPolicy.MAX_RETRY_ATTEMPTS)
            .range(policy.maximumEventAgeInSeconds(), at + "retryPolicy.maximumEventAgeInSeconds",
                RetryPolicy.MIN_EVENT_AGE_SECONDS, RetryPolicy.MAX_EVENT_AGE_SECONDS);
      }
    }
    validation.check();
    targets.forEach(TargetValidation::checkOne);
  }

  private static void checkOne(Target target) {
    int inputs = (target.input() != null ? 1 : 0) + (target.inputPath() != null ? 1 : 0)
        + (target.inputTransformer() != null ? 1 : 0);
    if (inputs > 1) {
      throw EventsException.validation("Only one of Input, InputPath, or InputTransformer"
          + " must be provided for target " + target.id() + ".");
    }
    if (target.arn().startsWith("arn:aws:sqs:") && target.arn().endsWith(".fifo")
        && target.sqsMessageGroupId() == null) {
      throw EventsException.validation(
          "Parameter(s) SqsParameters must be specified for target: " + target.id() + ".");
    }
    if (target.inputTransformer() != null) {
      String template = target.inputTransformer().inputTemplate();
      if (template == null) {
        throw EventsException.validation("InputTemplate must be specified for target "
            + target.id() + ".");
      }
      Matcher m = TargetInput.PLACEHOLDER.matcher(template);
      while (m.find()) {
        String name = m.group(1);
        if (!target.inputTransformer().inputPathsMap().containsKey(name)
            && !TargetInput.RESERVED.contains(name)) {
          throw EventsException.validation("InputTemplate for target " + target.id()
              + " contains invalid placeholder " + name + ".");
        }
      }
    }
  }
}
