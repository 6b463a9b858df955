namespace SemCache.Matching;

/// <summary>
/// Same content words (objects, attributes, actions, styles) after stemming and a small synonym table:
/// "tiny orange car" ≠ "tiny orange cat", "a photo of X" ≠ "a painting of X", "a dog" ≠ "a dog and a cat".
/// One exception: a general word in the query may stand for a specific word of the candidate ("a person" / "a
/// woman", see <see cref="Hypernyms"/>). Colours, numbers, negators and spatial words are left to their own guards.
/// </summary>
public sealed class ContentGuard : IMatchGuard
{
    private static readonly GuardVerdict Pass = new(GuardNames.Content, true, null);

    public string Name => GuardNames.Content;

    public GuardVerdict Check(PromptAnalysis query, PromptAnalysis candidate)
    {
        var q = query.Content;
        var c = candidate.Content;
        if (SortedKeys.Equal(q, c))
        {
            return Pass;
        }

        var onlyQuery = new List<string>();
        var onlyCandidate = new List<string>();
        SortedKeys.Difference(q, c, onlyQuery, onlyCandidate);
        return Covered(onlyQuery, onlyCandidate)
            ? new GuardVerdict(Name, true, $"query's [{string.Join(", ", onlyQuery)}] covers candidate's [{string.Join(", ", onlyCandidate)}]")
            : new GuardVerdict(Name, false, SortedKeys.Describe(q, c));
    }

    /// <summary>Every differing query word is a general word for its own differing candidate word, one to one.</summary>
    private static bool Covered(List<string> onlyQuery, List<string> onlyCandidate)
    {
        if (onlyQuery.Count != onlyCandidate.Count)
        {
            return false;
        }

        var used = new bool[onlyCandidate.Count];
        foreach (var general in onlyQuery)
        {
            var found = false;
            for (var j = 0; j < onlyCandidate.Count && !found; j++)
            {
                if (!used[j] && Hypernyms.Covers(general, onlyCandidate[j]))
                {
                    used[j] = found = true;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
