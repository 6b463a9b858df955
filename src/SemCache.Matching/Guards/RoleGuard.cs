namespace SemCache.Matching;

/// <summary>
/// Same words in the same roles. When both prompts have the same content words, they must either list them in the
/// same order or differ only by the order of conjuncts: "a tall tree and a short flower" = "a short flower and a
/// tall tree", but ≠ "a short tree and a tall flower", and "a dog chasing a cat" ≠ "a cat chasing a dog".
/// Prompts whose content words differ are the content guard's business, so this guard passes them.
/// </summary>
public sealed class RoleGuard : IMatchGuard
{
    private static readonly GuardVerdict Pass = new(GuardNames.Roles, true, null);

    public string Name => GuardNames.Roles;

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate)
    {
        if (!SortedKeys.Equal(query.Content, candidate.Content)
            || string.Equals(query.OrderedContent, candidate.OrderedContent, StringComparison.Ordinal)
            || SortedKeys.Equal(query.Conjuncts, candidate.Conjuncts))
        {
            return Pass;
        }

        return new GuardVerdict(Name, false, $"roles differ: '{query.OrderedContent}' vs '{candidate.OrderedContent}'");
    }
}
