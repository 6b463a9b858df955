using System.Text;

namespace SemCache.Matching.Translation;

/// <summary>
/// The English rendering of a prompt: <see cref="Text"/> joins every word's usual gloss. Words with several glosses
/// keep them, so a comparison can pick the gloss the other prompt uses ("pequeño" is "small" or "little").
/// </summary>
public sealed record PromptRendering(string Language, string Engine, string Text, IReadOnlyList<RenderedWord> Words)
{
    /// <summary>Share of the source words that were translated (unknown words such as names pass through).</summary>
    public double Coverage { get; init; } = 1;

    /// <summary>
    /// The rendering with each ambiguous word's gloss chosen to match a word of <paramref name="otherText"/> when
    /// one does; otherwise the usual gloss. Only the gloss choice changes: order and structure stay.
    /// </summary>
    public string ChooseFor(string otherText)
    {
        if (!Words.Any(w => w.Glosses.Count > 1))
        {
            return Text;
        }

        var other = WordsOf(otherText);
        var parts = new List<string>(Words.Count);
        foreach (var word in Words)
        {
            var chosen = word.Glosses.Count == 0 ? "" : word.Glosses[0];
            for (var i = 1; i < word.Glosses.Count && !Present(chosen, other); i++)
            {
                if (Present(word.Glosses[i], other))
                {
                    chosen = word.Glosses[i];
                }
            }

            parts.Add(chosen);
        }

        return Join(parts);
    }

    /// <summary>Joins glosses with single spaces, without a space before punctuation.</summary>
    public static string Join(IEnumerable<string> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (text.Length > 0 && !(part.Length == 1 && char.IsPunctuation(part[0]) && part[0] is not '(' and not '"'))
            {
                text.Append(' ');
            }

            text.Append(part);
        }

        return text.ToString();
    }

    private static bool Present(string gloss, HashSet<string> other)
    {
        foreach (var w in gloss.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!other.Contains(w) && !other.Contains(w + "s") && !(w.EndsWith('s') && other.Contains(w[..^1])))
            {
                return false;
            }
        }

        return gloss.Length > 0;
    }

    private static HashSet<string> WordsOf(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        var lower = text.ToLowerInvariant();
        for (var i = 0; i <= lower.Length; i++)
        {
            var letter = i < lower.Length && char.IsLetter(lower[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                set.Add(lower[start..i]);
                start = -1;
            }
        }

        return set;
    }
}
