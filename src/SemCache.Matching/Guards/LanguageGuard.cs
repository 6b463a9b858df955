namespace SemCache.Matching;

/// <summary>
/// With an English-only embedder a match stays within one language: the model does not know that "un perro rojo"
/// is "a red dog", and the other guards read English. A multilingual embedder lifts the rule.
/// </summary>
public sealed class LanguageGuard(bool multilingualEmbedder) : IMatchGuard
{
    private static readonly GuardVerdict Pass = new(GuardNames.Language, true, null);

    public string Name => GuardNames.Language;

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate) =>
        multilingualEmbedder || string.Equals(query.Language, candidate.Language, StringComparison.Ordinal)
            ? Pass
            : new GuardVerdict(Name, false, $"languages differ: {query.Language} vs {candidate.Language}");
}
