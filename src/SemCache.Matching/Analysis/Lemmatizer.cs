using SemCache.Matching.Lexicon;

namespace SemCache.Matching;

/// <summary>
/// Crude, deterministic English stemming: plural and -ing/-ed endings and a final "e" are removed, so "riding",
/// "rides" and "ride" all become "rid". Both prompts go through the same rules, so a stem only has to be
/// consistent, not a dictionary word. Irregular plurals come from WordNet's exception list ("mice" → "mouse").
/// Plurals are reported for the count guard.
/// </summary>
internal static class Lemmatizer
{
    public static string Stem(string word, out bool plural, out bool ing)
    {
        ing = false;
        plural = false;
        if (ClosedClasses.IrregularPlurals.TryGetValue(word, out var singular) || (singular = WordNetLexicon.Shared.IrregularNoun(word)) is not null)
        {
            plural = true;
            return Finish(singular);
        }

        var s = word;
        if (s.Length >= 6 && s.EndsWith("ing", StringComparison.Ordinal))
        {
            ing = true;
            s = Undouble(s[..^3]);
        }
        else if (s.Length >= 5 && s.EndsWith("ed", StringComparison.Ordinal) && !s.EndsWith("eed", StringComparison.Ordinal))
        {
            s = Undouble(s[..^2]);
        }
        else if (s.Length >= 5 && s.EndsWith("ies", StringComparison.Ordinal))
        {
            plural = true;
            s = s[..^3] + "y";
        }
        else if (s.Length >= 4 && s[^1] == 's' && !s.EndsWith("ss", StringComparison.Ordinal) && !s.EndsWith("us", StringComparison.Ordinal))
        {
            plural = true;
            s = s[..^1];
        }

        return Finish(s);
    }

    private static string Finish(string s) => s.Length > 3 && s[^1] == 'e' ? s[..^1] : s;

    private static string Undouble(string s) =>
        s.Length >= 3 && s[^1] == s[^2] && s[^1] is not ('l' or 's' or 'z' or 'e' or 'o') ? s[..^1] : s;
}
