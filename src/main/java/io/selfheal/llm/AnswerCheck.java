package io.selfheal.llm;

/**
 * The result of validating a model's reply: a valid answer, or why it was rejected (told to the model on retry).
 *
 * @param answer  the answer when {@code outcome} is {@link CallOutcome#ANSWERED}, else null
 * @param outcome ANSWERED, INVALID_ANSWER or UNKNOWN_STRATEGY
 * @param problem what was wrong, or null
 */
record AnswerCheck(DiagnosisAnswer answer, CallOutcome outcome, String problem) {
    static AnswerCheck valid(DiagnosisAnswer answer) {
        return new AnswerCheck(answer, CallOutcome.ANSWERED, null);
    }

    static AnswerCheck invalid(String problem) {
        return new AnswerCheck(null, CallOutcome.INVALID_ANSWER, problem);
    }

    static AnswerCheck unknownStrategy(String problem) {
        return new AnswerCheck(null, CallOutcome.UNKNOWN_STRATEGY, problem);
    }

    boolean isValid() {
        return outcome == CallOutcome.ANSWERED;
    }
}
