namespace SemCache.Matching;

/// <summary>Same negated things: "a pumpkin with a candle" ≠ "a pumpkin without a candle"; "no dog" ≠ "a dog".</summary>
public sealed class NegationGuard() : KeySetGuard(GuardNames.Negation)
{
    protected override string[] Keys(PromptAnalysis analysis) => analysis.Negations;
}
