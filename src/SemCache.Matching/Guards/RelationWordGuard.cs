namespace SemCache.Matching;

/// <summary>
/// Same relation between the same words: when both prompts name the same content words in the same order, the
/// prepositions between them must agree wherever both prompts have one: "a cat in a box" ≠ "a cat on a box",
/// "a cat on a chair" ≠ "a cat under a chair", but "a cat on top of a box" = "a cat on a box" (they share "on"),
/// and "a man with a dog on a beach" = "a man and a dog on a beach" (only one side relates them). Prompts whose
/// words or order differ are judged by the content and role guards.
/// </summary>
public sealed class RelationWordGuard : IMatchGuard
{
    private static readonly GuardVerdict Pass = new(GuardNames.RelationWords, true, null);

    public string Name => GuardNames.RelationWords;

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate)
    {
        if (!string.Equals(query.OrderedContent, candidate.OrderedContent, StringComparison.Ordinal)
            || query.RelationWords.Length != candidate.RelationWords.Length)
        {
            return Pass;
        }

        var words = query.OrderedContent.Split(' ');
        for (var i = 0; i < query.RelationWords.Length; i++)
        {
            var q = query.RelationWords[i];
            var c = candidate.RelationWords[i];
            if (q.Length > 0 && c.Length > 0 && !q.Split('+').Intersect(c.Split('+'), StringComparer.Ordinal).Any())
            {
                var word = i < words.Length ? words[i] : "?";
                return new GuardVerdict(Name, false, $"'{q}' vs '{c}' before '{word}'");
            }
        }

        return Pass;
    }
}
