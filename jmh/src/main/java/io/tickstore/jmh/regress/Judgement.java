package io.tickstore.jmh.regress;

/**
 * What a run says about one ratio against the baseline.
 *
 * <p>The rule: a ratio has <b>regressed</b> when it grew by more than the tolerance <em>and</em> its error bar lies
 * wholly above the baseline's ({@code run - error > baseline + error}); it has <b>improved</b> under the mirror
 * condition; otherwise it is the <b>same</b> within the noise. Both conditions are needed: the error bars alone
 * would flag a 2% drift of a very steady benchmark, the tolerance alone a noisy one's bad second.
 *
 * @param name     the ratio's name
 * @param baseline the baseline's ratio, or null when the baseline does not have it
 * @param run      this run's ratio, or null when the run does not have it
 * @param verdict  the verdict
 */
record Judgement(String name, Ratio baseline, Ratio run, Verdict verdict) {

    enum Verdict {
        REGRESSED, IMPROVED, SAME, NOT_IN_BASELINE, NOT_IN_RUN
    }

    static Judgement of(String name, Ratio baseline, Ratio run, double tolerance) {
        if (baseline == null) {
            return new Judgement(name, null, run, Verdict.NOT_IN_BASELINE);
        }
        if (run == null) {
            return new Judgement(name, baseline, null, Verdict.NOT_IN_RUN);
        }
        Verdict verdict = Verdict.SAME;
        if (run.ratio() > baseline.ratio() * (1 + tolerance) && run.low() > baseline.high()) {
            verdict = Verdict.REGRESSED;
        } else if (run.ratio() < baseline.ratio() / (1 + tolerance) && run.high() < baseline.low()) {
            verdict = Verdict.IMPROVED;
        }
        return new Judgement(name, baseline, run, verdict);
    }

    /** How the run's ratio compares with the baseline's: above 1 the run is worse. */
    double change() {
        return baseline == null || run == null ? Double.NaN : run.ratio() / baseline.ratio();
    }
}
