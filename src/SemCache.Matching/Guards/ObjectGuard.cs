using SemCache.Matching.Lexicon;

namespace SemCache.Matching;

/// <summary>
/// Across languages only: a thing on one side and a different thing of the same kind on the other ("un oiseau
/// migrateur" / "a migratory fish", "su nuevo coche" / "his new bicycle") is a different picture, however well the
/// rest of a long sentence matches. The content guard sees the difference too, but across languages the verifier
/// may overrule it (renderings differ in many harmless words); this veto it cannot. Kinds come from WordNet
/// (<see cref="WordNetLexicon.SameKind"/>). Pairs in one language are left to the content guard and the verifier.
/// </summary>
public sealed class ObjectGuard(Func<WordNetLexicon?> lexicon) : IMatchGuard
{
    private static readonly GuardVerdict Pass = new(GuardNames.Objects, true, null);

    public string Name => GuardNames.Objects;

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate)
    {
        if (!(query.AcrossLanguages || candidate.AcrossLanguages) || SortedKeys.Equal(query.Content, candidate.Content) || lexicon() is not { } words)
        {
            return Pass;
        }

        var onlyQuery = new List<string>();
        var onlyCandidate = new List<string>();
        SortedKeys.Difference(query.Content, candidate.Content, onlyQuery, onlyCandidate);
        foreach (var q in onlyQuery.Distinct(StringComparer.Ordinal).Select(l => WordAligner.Surface(query, l)))
        {
            foreach (var c in onlyCandidate.Distinct(StringComparer.Ordinal).Select(l => WordAligner.Surface(candidate, l)))
            {
                if (words.SameKind(q, c))
                {
                    return new GuardVerdict(Name, false, $"{q} ≠ {c}: different things of one kind");
                }
            }
        }

        return Pass;
    }
}
