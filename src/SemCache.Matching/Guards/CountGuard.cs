namespace SemCache.Matching;

/// <summary>
/// Same numbers on the same objects ("three dogs" = "3 dogs" ≠ "two dogs"; "a pair of shoes" = "two shoes";
/// "four cups and three boats" ≠ "three cups and four boats") and the same grammatical number: a word only in the
/// plural on one side and only in the singular on the other ("a dog" vs "dogs") fails.
/// </summary>
public sealed class CountGuard : IMatchGuard
{
    private static readonly GuardVerdict Pass = new(GuardNames.Count, true, null);

    public string Name => GuardNames.Count;

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate)
    {
        if (!SortedKeys.Equal(query.Counts, candidate.Counts))
        {
            return new GuardVerdict(Name, false, "numbers differ: " + SortedKeys.Describe(query.Counts, candidate.Counts));
        }

        var conflict = PluralConflict(query, candidate) ?? PluralConflict(candidate, query);
        return conflict is null ? Pass : new GuardVerdict(Name, false, $"'{conflict}' is plural on one side only");
    }

    private static string? PluralConflict(PromptAnalysis plural, PromptAnalysis singular)
    {
        foreach (var lemma in plural.Plurals)
        {
            if (!SortedKeys.Contains(plural.Singulars, lemma)
                && SortedKeys.Contains(singular.Singulars, lemma)
                && !SortedKeys.Contains(singular.Plurals, lemma))
            {
                return lemma;
            }
        }

        return null;
    }
}
